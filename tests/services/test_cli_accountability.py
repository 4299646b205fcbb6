"""Issue 11: every CLI command that changes data, or shows personal data, is signed in.

Each refusal: exit 2, a message, nothing changed; each success is audited under the
signed-in person (never a free-text --by).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from conftest import PASSWORDS, open_app_db, signed_in

from counter_app.cli import main
from counter_app.services import CounterService
from counter_app.services.staff import SIGN_IN_FAILED
from counter_app.store import paths

SETUP = [
    "setup",
    "--unit-code",
    "000.00.01.H22",
    "--ward-code",
    "70",
    "--counter",
    "3",
    "--centre-name",
    "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
]
DOSSIER = {
    "procedure_code": "1.001612",
    "applicant": {
        "full_name": "Phạm Thị Hoa",
        "id_number": "001185009876",
        "phone": "0912345678",
        "ward_code": 70,
    },
    "received_at": "2026-02-13 10:00",
}


class Counter:
    """A set-up counter (admin an.nv, officers binh.tt and chi.lt) and its command line."""

    def __init__(self, folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
        self.folder = folder
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def run(self, *args: str, stdin: str = "", user: str | None = None) -> tuple[int, str, str]:
        argv = list(args)
        if user is not None:
            argv, stdin = signed_in(argv, stdin, user=user)
        self._monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(self.folder), *argv])
        out, err = self._capsys.readouterr()
        return code, out, err

    def rows(self, sql: str, *params: object) -> list[tuple]:
        conn = open_app_db(paths.db_path(self.folder))
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def state(self) -> dict[str, list[tuple]]:
        """What a refused command must leave as it was (sign-in records aside)."""
        return {
            "staff": self.rows("SELECT username, role, active FROM staff ORDER BY username"),
            "holidays": self.rows("SELECT * FROM holiday_overrides ORDER BY day"),
            "dossiers": self.rows("SELECT code, status FROM dossiers ORDER BY code"),
            "events": self.rows("SELECT COUNT(*) FROM status_events"),
            "prints": self.rows("SELECT COUNT(*) FROM print_log"),
            "settings": self.rows("SELECT key, value FROM settings ORDER BY key"),
            "audit": self.rows(
                "SELECT actor, action FROM audit_log WHERE action NOT LIKE 'signin%' ORDER BY id"
            ),
        }

    def last_audit(self) -> tuple[str, str]:
        return self.rows(
            "SELECT actor, action FROM audit_log WHERE action NOT LIKE 'signin%' "
            "ORDER BY id DESC LIMIT 1"
        )[0]


@pytest.fixture
def counter(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> Counter:
    c = Counter(tmp_path / "data", capsys, monkeypatch)
    code, out, err = c.run(*SETUP, "--admin-name", "Nguyễn Văn An", user="an.nv")
    assert code == 0, err
    assert "quản trị viên đầu tiên an.nv" in out
    for name, full in (("binh.tt", "Trần Thị Bình"), ("chi.lt", "Lê Thị Chi")):
        code, _, err = c.run(
            "staff", "add", name, "--full-name", full, "--password-stdin",
            stdin=f"{PASSWORDS[name]}\n", user="an.nv",
        )  # fmt: skip
        assert code == 0, err
    return c


def refused(counter: Counter, *args: str, user: str | None, match: str, stdin: str = "") -> str:
    before = counter.state()
    code, out, err = counter.run(*args, user=user, stdin=stdin)
    assert code == 2, (out, err)
    assert match in err
    assert counter.state() == before
    return err


def receive(counter: Counter, user: str = "binh.tt") -> str:
    code, out, err = counter.run(
        "receive", "--json", "-", stdin=json.dumps(DOSSIER, ensure_ascii=False), user=user
    )
    assert code == 0, err
    return out.split("\t")[0]


def lock_out(counter: Counter, username: str) -> None:
    for _ in range(5):  # max_failed_logins
        code, _, err = counter.run(
            "--user", username, "--password-stdin", "search", "hoa", stdin="sai-mat-khau\n"
        )
        assert code == 2 and SIGN_IN_FAILED in err
    assert counter.rows("SELECT active FROM staff WHERE username = ?", username) == [(0,)]


def test_staff_add_admin_needs_an_admin_sign_in(counter: Counter) -> None:
    add = ("staff", "add", "mallory", "--full-name", "Mallory", "--role", "admin")
    stdin = "mat-khau-cua-mallory\n"
    refused(counter, *add, "--password-stdin", user=None, match="cần đăng nhập", stdin=stdin)
    refused(counter, *add, "--password-stdin", user="binh.tt", match="không có quyền", stdin=stdin)
    refused(
        counter,
        "--user", "an.nv", "--password-stdin", *add, "--password-stdin",
        stdin=f"doan-bua-thoi\n{stdin}", user=None, match=SIGN_IN_FAILED,
    )  # fmt: skip
    assert counter.run(*add, "--password-stdin", stdin=stdin, user="an.nv")[0] == 0
    assert counter.last_audit() == ("an.nv", "staff.add")


def test_staff_enable_by_a_non_admin_or_by_the_locked_account_itself(counter: Counter) -> None:
    lock_out(counter, "binh.tt")
    refused(counter, "staff", "enable", "binh.tt", user="chi.lt", match="không có quyền")
    err = refused(counter, "staff", "enable", "binh.tt", user="binh.tt", match="bị khóa")
    assert "không có quyền" not in err
    assert counter.run("staff", "enable", "binh.tt", user="an.nv")[0] == 0
    assert counter.last_audit() == ("an.nv", "staff.enable")
    assert counter.run("search", "hoa", user="binh.tt")[0] == 0


def test_a_locked_out_officer_can_do_nothing(counter: Counter, tmp_path: Path) -> None:
    code = receive(counter)
    lock_out(counter, "binh.tt")
    out_pdf = str(tmp_path / "r.pdf")
    for args in (
        ("status", code, "4", "--by", "binh.tt"),
        ("status", code, "4"),
        ("print", code, "--by", "binh.tt", "--out", out_pdf),
        ("show", code),
        ("search", "hoa"),
    ):
        refused(counter, *args, user="binh.tt", match="bị khóa")
    # --by alone signs in as that account: the same refusal
    refused(
        counter, "--password-stdin", "status", code, "4", "--by", "binh.tt",
        stdin=f"{PASSWORDS['binh.tt']}\n", user=None, match="bị khóa",
    )  # fmt: skip
    assert not Path(out_pdf).exists()


def test_by_is_the_signed_in_person_never_free_text(counter: Counter) -> None:
    off = ("holiday", "off", "2026-05-04", "--note", "Nghỉ bù")
    refused(counter, *off, "--by", "ghost", user="an.nv", match="--by must be the signed-in user")
    # --by ghost alone: ghost must sign in, and there is no such account
    err = refused(
        counter, "--password-stdin", *off, "--by", "ghost", stdin="bat-ky-mat-khau\n",
        user=None, match=SIGN_IN_FAILED,
    )  # fmt: skip
    assert "ghost" not in err
    assert counter.rows("SELECT COUNT(*) FROM audit_log WHERE actor = 'ghost' AND action NOT "
                        "LIKE 'signin%'") == [(0,)]  # fmt: skip
    assert counter.run(*off, "--by", "an.nv", user="an.nv")[0] == 0
    assert counter.last_audit()[0] == "an.nv"
    code = receive(counter)
    refused(counter, "status", code, "4", "--by", "an.nv", user="binh.tt", match="--by")
    assert counter.run("status", code, "4", user="binh.tt")[0] == 0
    assert counter.rows('SELECT "by" FROM status_events ORDER BY id DESC LIMIT 1') == [("binh.tt",)]
    assert counter.last_audit()[0] == "binh.tt"


def test_unknown_user_and_wrong_password_get_the_same_message(counter: Counter) -> None:
    _, _, unknown = counter.run("--user", "khong.co", "--password-stdin", "search", stdin="x" * 12)
    _, _, wrong = counter.run("--user", "chi.lt", "--password-stdin", "search", stdin="x" * 12)
    assert unknown == wrong == f"Lỗi / error: {SIGN_IN_FAILED}\n"


def test_receive_is_recorded_under_the_signed_in_officer(counter: Counter) -> None:
    someone_else = dict(DOSSIER, officer="chi.lt")
    refused(
        counter, "receive", "--json", "-", stdin=json.dumps(someone_else), user="binh.tt",
        match="officer must be the signed-in user",
    )  # fmt: skip
    code = receive(counter, user="binh.tt")
    assert counter.rows("SELECT officer FROM dossiers WHERE code = ?", code) == [("binh.tt",)]
    refused(counter, "receive", "--json", "-", stdin=json.dumps(DOSSIER), user=None, match="--user")


def test_admin_only_commands_refuse_officers(counter: Counter, tmp_path: Path) -> None:
    holidays = tmp_path / "h.json"
    holidays.write_text('[{"date": "2026-05-04", "working": false, "note": "x"}]')
    for args in (
        (*SETUP, "--hours", "07:00-11:00"),
        ("holiday", "import", str(holidays)),
        ("holiday", "work", "2026-05-09"),
        ("staff", "list"),
        ("staff", "disable", "chi.lt"),
        ("staff", "password", "chi.lt", "--password-stdin"),
        ("catalogue", "import", str(holidays)),
        ("demo-data", "--count", "1"),
    ):
        refused(counter, *args, user="binh.tt", match="không có quyền", stdin="mat-khau-moi-1\n")
    # read-only reference commands stay open: no personal data
    assert counter.run("holiday", "list")[0] == 0
    assert counter.run("catalogue", "list", "ket hon")[0] == 0
    assert counter.run("due-date", "--procedure", "1.001193")[0] == 0
    # personal data needs a sign-in
    refused(counter, "search", "hoa", user=None, match="cần đăng nhập")
    refused(counter, "audit", "verify", user=None, match="cần đăng nhập")


def test_the_first_admin_is_created_only_while_no_staff_exists(counter: Counter) -> None:
    refused(counter, *SETUP, user=None, match="cần đăng nhập")
    refused(counter, *SETUP, "--admin-name", "Mallory", user="an.nv", match="staff exist")
    assert counter.run(*SETUP, "--hours", "07:00-11:00,13:00-17:00", user="an.nv")[0] == 0
    assert counter.last_audit()[0] == "an.nv"


def test_first_setup_without_an_admin_is_refused(tmp_path: Path, capsys, monkeypatch) -> None:
    c = Counter(tmp_path / "data", capsys, monkeypatch)
    code, _, err = c.run(*SETUP)
    assert code == 2 and "--admin-name" in err
    code, _, err = c.run(*SETUP, "--admin-name", "An", "--user", "an.nv")
    assert code == 2 and "--password-stdin" in err  # no terminal to ask on
    code, _, err = c.run(
        "--user", "an.nv", "--password-stdin", *SETUP, "--admin-name", "An", stdin="ngan\n"
    )
    assert code == 2 and "ít nhất 10 ký tự" in err
    assert c.rows("SELECT COUNT(*) FROM staff") == [(0,)]


def test_a_read_command_beside_the_running_app_counts_failed_sign_ins(counter: Counter) -> None:
    app = CounterService.open(counter.folder)  # holds the folder lock, as the GUI does
    try:
        code, _, err = counter.run(
            "--user", "chi.lt", "--password-stdin", "search", "hoa", stdin="sai-mat-khau\n"
        )
        assert code == 2 and SIGN_IN_FAILED in err
        assert counter.rows("SELECT failed_logins FROM staff WHERE username='chi.lt'") == [(1,)]
        assert counter.run("search", "hoa", user="chi.lt")[0] == 0
        assert counter.rows("SELECT failed_logins FROM staff WHERE username='chi.lt'") == [(0,)]
        assert app.audit.verify().ok
    finally:
        app.close()


def test_restore_needs_an_admin_and_signs_in_against_the_backup_when_the_db_is_lost(
    counter: Counter,
) -> None:
    code, out, err = counter.run("backup", user="binh.tt")
    assert code == 0, err
    backup = out.split(": ", 1)[1].rsplit(" (", 1)[0]
    refused(counter, "restore", backup, user="binh.tt", match="không có quyền")
    refused(counter, "backup", user=None, match="cần đăng nhập")
    paths.db_path(counter.folder).unlink()
    for extra in ("-wal", "-shm"):
        Path(str(paths.db_path(counter.folder)) + extra).unlink(missing_ok=True)
    code, _, err = counter.run("restore", backup, user="binh.tt")
    assert code == 2 and "không có quyền" in err
    code, _, err = counter.run(
        "--user", "an.nv", "--password-stdin", "restore", backup, stdin="sai-mat-khau\n"
    )
    assert code == 2 and SIGN_IN_FAILED in err
    code, out, err = counter.run("restore", backup, user="an.nv")
    assert code == 0, err
    assert ("an.nv", "backup.restore") in counter.state()["audit"]


def test_a_folder_that_stopped_writing_still_signs_in_read_commands(counter: Counter) -> None:
    service = CounterService.open(counter.folder)
    try:
        service.store.mark_damaged(["test: a seal did not match"])
    finally:
        service.close()
    code, _, err = counter.run("--user", "binh.tt", "--password-stdin", "audit", "verify",
                               stdin="sai-mat-khau\n")  # fmt: skip
    assert code == 2 and SIGN_IN_FAILED in err
    assert counter.rows("SELECT failed_logins FROM staff WHERE username='binh.tt'") == [(0,)]
    code, _, err = counter.run("audit", "verify", user="binh.tt")
    assert "cần đăng nhập" not in err and SIGN_IN_FAILED not in err
    assert code != 2
    code, _, err = counter.run("holiday", "off", "2026-05-04", user="an.nv")
    assert code == 6 and "ngừng ghi" in err  # and nothing writes
