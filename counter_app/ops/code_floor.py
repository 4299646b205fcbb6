"""Dossier code counters never go back (issue 10, item 4).

After a restore or a (re-)setup the next code of this counter is raised above every code it
ever issued that is known here: in this database, in every backup beside it (and in the
second backup folder, and databases kept in `replaced/`), and on the portal when one is
configured and reachable (`LayMaHoSoCaoNhat`). Offline, the local sources are used and the
report carries a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.domain.dossier_codes import merge_highest
from counter_app.ops.backups import second_folder
from counter_app.ops.db_files import folder_keys, open_readonly
from counter_app.store import audit, code_sequences, paths
from counter_app.store import driver as sqlite3

if TYPE_CHECKING:
    from counter_app.services.front import CounterService


@dataclass
class CodeFloorReport:
    raised_days: int = 0
    sources: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def known_database_files(service: CounterService) -> list[Path]:
    """Backups and replaced databases of the folder (and the second backup folder)."""
    folder = service.store.folder
    found = sorted(paths.backups_dir(folder).glob("counter-*.db"))
    found += sorted((folder / "replaced").glob("*/counter.db"))
    second = second_folder(service.settings.all())
    if second is not None and second.is_dir():
        found += sorted(second.glob("counter-*.db"))
    return found


def raise_code_counters(
    service: CounterService, *, actor: str, check_portal: bool = True, portal_timeout: float = 5.0
) -> CodeFloorReport:
    """Raise this counter's daily code sequences above every code it is known to have issued.

    One write transaction (with its audit row) once the sources have been read.
    """
    report = CodeFloorReport()
    settings = service.settings.all()
    unit, counter = settings.get("unit_code"), settings.get("counter")
    if not unit or not counter:
        return report
    counter = int(counter)
    known = [code_sequences.issued_in(service.store.read(), unit, counter)]
    report.sources.append("cơ sở dữ liệu này / this database")
    for file in known_database_files(service):
        try:
            conn = open_readonly(file, folder_keys(service.store.folder))
            try:
                known.append(code_sequences.issued_in(conn, unit, counter))
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            report.warnings.append(f"Không đọc được {file.name}: {exc} / backup unreadable")
            continue
        report.sources.append(file.name)
    if check_portal:
        from_portal = _portal_highest(service, unit, counter, portal_timeout, report.warnings)
        if from_portal is not None:
            known.append(from_portal)
            report.sources.append("Cổng DVC / portal")
    highest = merge_highest(*known)
    with service.store.write() as conn:
        report.raised_days = code_sequences.raise_to(conn, counter, highest)
        if report.raised_days:
            audit.append(
                conn,
                actor=actor,
                action="codes.raise",
                detail={"days": report.raised_days, "sources": report.sources},
            )
    return report


def _portal_highest(
    service: CounterService, unit: str, counter: int, timeout: float, warnings: list[str]
) -> dict[str, int] | None:
    from counter_app.ops import secrets_store
    from counter_app.portal.client import PortalClient
    from counter_app.portal.errors import PortalError
    from counter_app.sync.engine import portal_config

    user = service.settings.get("portal_user") or ""
    password = secrets_store.get_portal_password(service.store.folder, user) if user else ""
    config = portal_config(service, password)
    if config is None:
        warnings.append(
            "Cổng DVC chưa cấu hình: bộ đếm mã hồ sơ chỉ dựa vào dữ liệu và bản sao lưu trên "
            "máy / portal not configured: code counters raised from local data and backups only"
        )
        return None
    config = replace(config, connect_timeout=timeout, read_timeout=max(timeout, 10.0))
    try:
        with PortalClient(config) as client:
            return client.fetch_highest_codes(unit, counter)
    except (PortalError, ValueError) as exc:
        warnings.append(
            f"Không hỏi được Cổng DVC mã hồ sơ cao nhất ({exc}): bộ đếm mã chỉ dựa vào dữ liệu "
            "và bản sao lưu trên máy; hãy chạy lại 'counter-app setup' khi có mạng / "
            "portal unreachable: code counters raised from local data and backups only"
        )
        return None
