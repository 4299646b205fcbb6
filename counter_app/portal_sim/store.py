"""SQLite store of the stand-in portal; what it does with dossier records is in dossier_rules.

One connection, guarded by a lock: the simulator serialises all store access, which also
makes each idempotency check-then-write atomic. Every mutating request is one transaction.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.portal_sim import anchors, dossier_rules, uploads
from counter_app.portal_sim.endpoints import ApiError
from counter_app.portal_sim.validation import parse_portal_date

SCHEMA = """
CREATE TABLE IF NOT EXISTS dossiers (
    ma_ho_so TEXT PRIMARY KEY,
    uuid TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    source TEXT NOT NULL,              -- 'counter' (DongBoHoSoMC) or 'online' (submit_online)
    trang_thai INTEGER NOT NULL,       -- current portal-side status
    ngay_tra TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL,        -- of the last payload received
    payload TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    counter INTEGER,                   -- the receiving counter (MaQuay); online: the claimer
    conflict TEXT                      -- the last stale change refused, until a newer one lands
);
CREATE TABLE IF NOT EXISTS counters (
    unit_code TEXT NOT NULL,
    counter INTEGER NOT NULL,
    machine_id TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    PRIMARY KEY (unit_code, counter)
);
CREATE TABLE IF NOT EXISTS progress (
    id INTEGER PRIMARY KEY,
    ma_ho_so TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS progress_by_dossier ON progress (ma_ho_so, id);
CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT PRIMARY KEY,
    body_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    response BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_code TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_by_unit ON changes (unit_code, seq);
CREATE TABLE IF NOT EXISTS tokens (
    token TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS catalogue (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS holiday_overrides (
    date TEXT PRIMARY KEY,
    working INTEGER NOT NULL,
    note TEXT NOT NULL
);
"""


class IdempotencyConflict(Exception):
    """The idempotency key was already used with a different request body."""


class PortalStore:
    def __init__(self, db_path: str | Path) -> None:
        self._lock = threading.RLock()
        # check_same_thread=False is safe here: every use goes through self._lock.
        self._db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._db.executescript(anchors.SCHEMA)
        self._db.executescript(uploads.SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(dossiers)")}
        for name, kind in (("counter", "INTEGER"), ("conflict", "TEXT")):
            if name not in columns:  # a portal database from before the centre feed
                self._db.execute(f"ALTER TABLE dossiers ADD COLUMN {name} {kind}")
        self._tokens: dict[str, float] = {}
        self._token_users: dict[str, str] = {}
        for token, username, expires_at in self._db.execute(
            "SELECT token, username, expires_at FROM tokens"
        ):
            self._tokens[token] = expires_at
            self._token_users[token] = username
        self.catalogue_version = ""
        self._procedures: dict[str, dict[str, Any]] = {}
        row = self._db.execute("SELECT version, data FROM catalogue WHERE id = 1").fetchone()
        if row:
            self._set_catalogue_cache(row[0], json.loads(row[1]))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # ---- transactions -------------------------------------------------------------------

    def _write(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                outcome = work(self._db)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return outcome

    def idempotent(
        self,
        key: str,
        body_hash: str,
        now_text: str,
        work: Callable[[sqlite3.Connection], tuple[int, bytes]],
    ) -> tuple[int, bytes, bool]:
        """Run `work` once per key: (status, response body, replayed).

        The effects and the stored answer commit together, so an answer lost on the wire is
        replayed on retry and never applied twice.
        """

        def transaction(db: sqlite3.Connection) -> tuple[int, bytes, bool]:
            stored = db.execute(
                "SELECT body_hash, status, response FROM idempotency WHERE key = ?", (key,)
            ).fetchone()
            if stored:
                if stored[0] != body_hash:
                    raise IdempotencyConflict(key)
                return stored[1], bytes(stored[2]), True
            status, response = work(db)
            db.execute(
                "INSERT INTO idempotency (key, body_hash, status, response, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (key, body_hash, status, response, now_text),
            )
            return status, response, False

        return self._write(transaction)

    # ---- tokens -------------------------------------------------------------------------

    def save_token(self, token: str, username: str, expires_at: float) -> None:
        def work(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM tokens WHERE expires_at < ?", (expires_at - 86400,))
            db.execute(
                "INSERT INTO tokens (token, username, expires_at) VALUES (?, ?, ?)",
                (token, username, expires_at),
            )

        self._write(work)
        with self._lock:
            self._tokens[token] = expires_at
            self._token_users[token] = username

    def token_user(self, token: str) -> str | None:
        with self._lock:
            return self._token_users.get(token)

    def token_expiry(self, token: str) -> float | None:
        with self._lock:
            return self._tokens.get(token)

    def expire_token(self, token: str) -> None:
        with self._lock:
            if token in self._tokens:
                self._tokens[token] = 0.0
                self._db.execute("UPDATE tokens SET expires_at = 0 WHERE token = ?", (token,))

    # ---- catalogue and holidays ----------------------------------------------------------

    def _set_catalogue_cache(self, version: str, procedures: list[dict[str, Any]]) -> None:
        self.catalogue_version = version
        self._procedures = {item["MaTTHC"]: item for item in procedures}

    def publish_catalogue(self, version: str, procedures: list[dict[str, Any]]) -> None:
        data = json.dumps(procedures, ensure_ascii=False)
        self._write(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO catalogue (id, version, data) VALUES (1, ?, ?)",
                (version, data),
            )
        )
        with self._lock:
            self._set_catalogue_cache(version, procedures)

    def has_catalogue(self) -> bool:
        with self._lock:
            return bool(self.catalogue_version)

    def procedures(self) -> tuple[str, list[dict[str, Any]]]:
        with self._lock:
            return self.catalogue_version, list(self._procedures.values())

    def procedure(self, code: str) -> dict[str, Any] | None:
        with self._lock:
            return self._procedures.get(code)

    def set_holiday_overrides(self, overrides: Iterable[dict[str, Any]]) -> None:
        rows = []
        for item in overrides:
            day = datetime.strptime(item["date"], "%Y-%m-%d").date().isoformat()
            rows.append((day, 1 if item["working"] else 0, str(item.get("note") or "")))

        def work(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM holiday_overrides")
            db.executemany("INSERT INTO holiday_overrides VALUES (?, ?, ?)", rows)

        self._write(work)

    def holiday_overrides(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT date, working, note FROM holiday_overrides ORDER BY date"
            ).fetchall()
        return [
            {"date": day, "working": bool(working), "note": note} for day, working, note in rows
        ]

    # ---- dossiers (the rules are in dossier_rules) -------------------------------------

    def sync_dossiers(
        self,
        db: sqlite3.Connection,
        records: list[Any],
        is_updating: bool,
        now_text: str,
        counter: int | None = None,
        *,
        carries_steps: bool = True,
    ) -> list[dict[str, Any]]:
        return dossier_rules.apply_dossier_batch(
            db,
            records,
            is_updating,
            now_text,
            self._procedures,
            counter,
            carries_steps=carries_steps,
        )

    def update_progress(
        self, db: sqlite3.Connection, records: list[Any], now_text: str, counter: int | None = None
    ) -> list[dict[str, Any]]:
        return dossier_rules.apply_progress_batch(db, records, now_text, counter)

    def register_counter(
        self, unit_code: str, counter: int, machine_id: str, now_text: str, *, replace: bool
    ) -> str | None:
        """Claim counter number `counter` of the unit for one machine: None when granted (or
        already this machine's, or `replace`: a new PC taking over the counter), else the
        machine id that holds it."""

        def work(db: sqlite3.Connection) -> str | None:
            row = db.execute(
                "SELECT machine_id FROM counters WHERE unit_code = ? AND counter = ?",
                (unit_code, counter),
            ).fetchone()
            if row is not None and replace and row[0] != machine_id:
                db.execute(
                    "UPDATE counters SET machine_id = ? WHERE unit_code = ? AND counter = ?",
                    (machine_id, unit_code, counter),
                )
                return None
            if row is not None:
                return None if row[0] == machine_id else row[0]
            db.execute(
                "INSERT INTO counters VALUES (?, ?, ?, ?)",
                (unit_code, counter, machine_id, now_text),
            )
            return None

        return self._write(work)

    # ---- back office and online submissions (test helpers) -------------------------------

    def backoffice_set_status(
        self, ma_ho_so: str, trang_thai: int, ngay_tra: str | None, now_text: str
    ) -> int:
        if trang_thai not in range(1, 11):
            raise ValueError(f"TrangThaiHoSo must be 1..10, got {trang_thai!r}")
        if ngay_tra and parse_portal_date(ngay_tra) is None:
            raise ValueError(f"NgayTra must be yyyyMMddHHmmss, got {ngay_tra!r}")
        return self._write(
            lambda db: dossier_rules.set_status_from_backoffice(
                db, ma_ho_so, trang_thai, ngay_tra, now_text
            )
        )

    def submit_online(
        self, unit_code: str, dossier: dict[str, Any], now_text: str
    ) -> dict[str, Any]:
        return self._write(
            lambda db: dossier_rules.insert_online_dossier(
                db, unit_code, dossier, now_text, self._procedures
            )
        )

    def publish_raw_change(self, unit_code: str, item: Any) -> None:
        """Append `item` to the unit's feed exactly as given, however malformed (tests, training)."""
        payload = json.dumps(item, ensure_ascii=False)
        self._write(
            lambda db: db.execute(
                "INSERT INTO changes (unit_code, payload) VALUES (?, ?)", (unit_code, payload)
            )
        )

    # ---- LayThayDoi ------------------------------------------------------------------------

    def changes(
        self, unit_code: str, after: int, limit: int
    ) -> tuple[list[dict[str, Any]], int, bool]:
        """(changes, last sequence number returned or `after`, has_more)."""
        with self._lock:
            (latest,) = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM changes").fetchone()
            if after > latest:
                raise LookupError(after)
            rows = self._db.execute(
                "SELECT seq, payload FROM changes WHERE unit_code = ? AND seq > ? ORDER BY seq LIMIT ?",
                (unit_code, after, limit + 1),
            ).fetchall()
        has_more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1][0] if rows else after
        return [json.loads(payload) for _, payload in rows], last, has_more

    # ---- LayMaHoSoCaoNhat -----------------------------------------------------------------

    def highest_codes(self, unit_code: str, counter: int, since_day: str) -> dict[str, int]:
        """{yyMMdd: highest sequence} of the codes this unit's counter sent, from `since_day`."""
        from counter_app.domain.dossier_codes import highest_per_day

        with self._lock:
            rows = self._db.execute(
                "SELECT ma_ho_so FROM dossiers WHERE unit_code = ?", (unit_code,)
            ).fetchall()
        found = highest_per_day((code for (code,) in rows), unit_code, counter)
        return {day: seq for day, seq in sorted(found.items()) if day >= since_day}

    # ---- audit anchors (X-Audit-Head, LayNeoNhatKy) ----------------------------------------

    def record_audit_head(self, head: tuple[str, int, int, str], now_text: str) -> None:
        self._write(lambda db: anchors.record(db, head, now_text))

    def audit_heads(self, unit_code: str, counter: int) -> list[dict[str, Any]]:
        with self._lock:
            return anchors.history(self._db, unit_code, counter)

    # ---- attachments (the rules are in uploads) -------------------------------------------

    def start_upload(
        self, request: dict[str, Any], now_text: str, max_file_bytes: int
    ) -> dict[str, Any]:
        return self._write(lambda db: uploads.start(db, request, now_text, max_file_bytes))

    def upload_offset(self, request: dict[str, Any]) -> dict[str, Any]:
        upload_id = uploads.upload_id_of(request)
        with self._lock:
            return uploads.offset(self._db, upload_id)

    def upload_chunk(self, headers: Any, body: bytes) -> dict[str, Any]:
        upload_id, offset, chunk_sha256 = uploads.chunk_request(headers, body)
        return self._write(lambda db: uploads.chunk(db, upload_id, offset, body, chunk_sha256))

    def commit_upload(self, request: dict[str, Any], now_text: str) -> dict[str, Any]:
        outcome = self._write(lambda db: uploads.commit(db, request, now_text))
        if isinstance(outcome, ApiError):  # refused after throwing the bad bytes away
            raise outcome
        return outcome

    def file_piece(self, request: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            return uploads.file_piece(self._db, request)

    def file_content(self, file_ref: str) -> bytes | None:
        with self._lock:
            return uploads.file_content(self._db, file_ref)

    def file_count(self) -> int:
        with self._lock:
            return uploads.file_count(self._db)

    # ---- read helpers for tests ------------------------------------------------------------

    def dossier_codes(self, unit_code: str | None = None) -> list[str]:
        with self._lock:
            rows = self._db.execute(
                "SELECT ma_ho_so FROM dossiers WHERE ?1 IS NULL OR unit_code = ?1 ORDER BY 1",
                (unit_code,),
            ).fetchall()
        return [code for (code,) in rows]

    def dossier_count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0]

    def dossier(self, ma_ho_so: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT payload, trang_thai, ngay_tra, version, source, created_at, updated_at, "
                "counter, conflict FROM dossiers WHERE ma_ho_so = ?",
                (ma_ho_so,),
            ).fetchone()
            if row is None:
                return None
            steps = self._db.execute(
                "SELECT payload FROM progress WHERE ma_ho_so = ? ORDER BY id", (ma_ho_so,)
            ).fetchall()
        payload, status, returned, version, source, created_at, updated_at, counter, clash = row
        record = json.loads(payload)
        record.update(
            TrangThaiHoSo=status,
            NgayTra=returned,
            QuayTiepNhan=counter,
            conflict=json.loads(clash) if clash else None,
            version=version,
            source=source,
            created_at=created_at,
            updated_at=updated_at,
            TienDo=[json.loads(step) for (step,) in steps],
        )
        return record
