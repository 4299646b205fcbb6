"""When a dossier counts as digitised (số hóa, issue 16): the one rule, in SQL.

Thông tư 01/2023/TT-VPCP has one-stop offices digitise the components of the dossiers
citizens submit on paper and the results they hand back; centres are judged by the share
digitised. Here, over a dossiers row aliased `d`:

- its **submitted documents** are digitised when every checklist item it has (`documents`,
  by position) has a submitted attachment, and it has at least one submitted attachment
  (a dossier without a checklist needs one "other documents" file). `MISSING_SQL` counts
  what is missing: the checklist items without a file, or 1 for a dossier with no checklist
  and no file; digitised is `MISSING_SQL = 0`.
- its **result** is digitised when a 'result' attachment exists (`RESULT_SQL`); it is asked
  of dossiers whose result was ready or handed back (status 9 or 10).
- the submitted documents are asked only of dossiers received at a counter
  (`APPLIES_SQL`): online dossiers came as electronic files through the portal, and
  dossiers refused or sent back before receipt were never received (DESIGN §3). The list
  shows "—" for the others.

An attachment counts when its row has a SHA-256, whatever its local content: rows arriving
from other counters (sync) name a file this counter may not hold yet; but not once withdrawn
(another counter's file its dossier's list on the portal no longer names: outbox.WITHDRAWN_SQL).

The list filter (services/search.py), the centre's figures (services/reports.py) and
`service.attachments.digitisation(code)` all read these fragments.
"""

from __future__ import annotations

from counter_app.services.outbox import WITHDRAWN_SQL
from counter_app.services.records import RECEIVED_SQL

# An attachment `a` that counts (digitised).
HAS_FILE_SQL = f"a.sha256 IS NOT NULL AND a.sha256 != '' AND NOT {WITHDRAWN_SQL}"

# A checklist item `doc` of dossier `d` without a submitted file.
ITEM_MISSING_SQL = (
    "NOT EXISTS (SELECT 1 FROM attachments a WHERE a.dossier_id = doc.dossier_id "
    f"AND a.kind = 'submitted' AND a.item = doc.position AND {HAS_FILE_SQL})"
)

MISSING_SQL = (
    "((SELECT count(*) FROM documents doc WHERE doc.dossier_id = d.id "
    f"AND {ITEM_MISSING_SQL}) + (NOT EXISTS (SELECT 1 FROM documents doc "
    "WHERE doc.dossier_id = d.id) AND NOT EXISTS (SELECT 1 FROM attachments a "
    f"WHERE a.dossier_id = d.id AND a.kind = 'submitted' AND {HAS_FILE_SQL})))"
)

DIGITISED_SQL = f"({MISSING_SQL} = 0)"

RESULT_SQL = (
    "EXISTS (SELECT 1 FROM attachments a WHERE a.dossier_id = d.id "
    f"AND a.kind = 'result' AND {HAS_FILE_SQL})"
)

APPLIES_SQL = f"(d.channel IS NOT 'online' AND {RECEIVED_SQL})"

# "Chưa số hóa": received at a counter and something is missing.
UNDIGITISED_SQL = f"({APPLIES_SQL} AND {MISSING_SQL} > 0)"
