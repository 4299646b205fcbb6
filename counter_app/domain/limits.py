"""The bounds every input is held to (receive JSON, import lines, the intake form, catalogue
and holiday files): declared once here and read everywhere, so that nothing is accepted
locally that the portal must refuse later (its text limit is 2,000 characters)."""

from __future__ import annotations

from datetime import date, timedelta

# -- text -----------------------------------------------------------------------------
TEXT_MAX = 2000  # free text: notes, addresses, reasons (the portal's limit)
NAME_MAX = 100  # a person's name
TITLE_MAX = 500  # the name of a procedure, document, fee or result
CODE_MAX = 50  # short codes and keys: procedure, fee, field codes, usernames, versions
SHORT_MAX = 30  # id numbers, phone numbers, sex, id type
EMAIL_MAX = 254  # RFC 5321
REFERENCE_MAX = 100  # a client reference of an import line

# -- collections and numbers -------------------------------------------------------------
ITEMS_MAX = 200  # documents or fees of one dossier (or of one catalogue procedure)
PROCEDURES_MAX = 5000  # procedures in one catalogue file
HOLIDAYS_MAX = 2000  # days in one holiday file
AMOUNT_MAX = 1_000_000_000  # VND: one fee (a billion dong; far below 2^53 and 2^63)
COUNT_MAX = 1000  # copies of one document
SETS_MAX = 100  # sets of one dossier
PROCESSING_TIME_MAX = 3650  # a procedure's processing time, in its own unit
ADDRESS_CODE_MAX = 99_999_999  # ward and province codes

# -- JSON ---------------------------------------------------------------------------------
JSON_DEPTH_MAX = 20  # nesting of one receive JSON or import line
JSON_BYTES_MAX = 1_000_000  # one receive JSON or import line
FILE_BYTES_MAX = 20_000_000  # one catalogue or holiday file

# -- dates ----------------------------------------------------------------------------------
# Dossiers are received under the two-tier local government (from 1 July 2025); an older
# receipt is a back-entry (an old paper register typed in), accepted only when asked for.
RECEIVED_EARLIEST = date(2025, 7, 1)
BACK_ENTRY_EARLIEST = date(2000, 1, 1)  # dossier codes carry a two-digit year
RECEIVED_FUTURE_MAX = timedelta(days=1)  # PC clocks drift; a receipt is never later than that
BIRTH_AGE_WARNING = 120  # years: shown as a likely typo
BIRTH_AGE_MAX = 130  # years: refused
# The years the work calendar answers for: holiday files, `due-date`.
CALENDAR_EARLIEST = date(2000, 1, 1)
CALENDAR_LATEST = date(2100, 12, 31)

# -- digitised documents (issue 16) --------------------------------------------------------
ATTACHMENT_BYTES_MAX = 20_000_000  # one file taken in, and one stored document (PDF)
DOSSIER_ATTACHMENTS_BYTES_MAX = 200_000_000  # every stored document of one dossier
ATTACHMENT_PAGES_MAX = 200  # pages of one document (and of one file taken in)
DOSSIER_ATTACHMENTS_MAX = 100  # stored documents of one dossier
IMAGE_PIXELS_MAX = 50_000_000  # one page image: A4 at 600 dpi is 35 Mpx (decompression bombs)
CAPTURE_DPI_MIN, CAPTURE_DPI_MAX = 75, 600  # the resolution setting of captured pages
