"""The command line, as a technician or a script would use it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PASSWORDS, signed_in

from counter_app.cli import main
from counter_app.services import CounterService

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


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """`cli(*args, stdin=…, user=…)`: the command signed in as `user` (an.nv, the admin,
    unless told; None: not signed in). The counter is set up with its first admin an.nv
    and an officer binh.tt."""
    folder = tmp_path / "data"

    def run(*args: str, stdin: str = "", user: str | None = "an.nv") -> tuple[int, str, str]:
        argv = list(args)
        if user is not None:
            argv, stdin = signed_in(argv, stdin, user=user)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(folder), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    first = [*SETUP, "--admin-name", "Nguyễn Văn An"]
    assert run(*first)[0] == 0  # the first setup creates its first admin, an.nv
    assert (
        run(
            "staff",
            "add",
            "binh.tt",
            "--full-name",
            "Trần Thị Bình",
            "--password-stdin",
            stdin=f"{PASSWORDS['binh.tt']}\n",
        )[0]
        == 0
    )
    return run


DOSSIER = {
    "procedure_code": "1.001612",
    "applicant": {
        "full_name": "Phạm Thị Hoa",
        "id_number": "001185009876",
        "phone": "+84 912 345 678",
        "ward_code": 70,
    },
    "officer": "an.nv",
    "received_at": "2026-02-13 10:00",
}


def test_receive_show_search_status(cli) -> None:
    code, out, _ = cli("receive", "--json", "-", stdin=json.dumps(DOSSIER, ensure_ascii=False))
    assert code == 0
    dossier_code = out.split("\t")[0]
    assert dossier_code == "000.00.01.H22-260213-3001"
    assert "Thứ Tư, 25/02/2026 10:00" in out  # 3 working days across Tết 2026
    code, out, _ = cli("show", dossier_code, "--format", "json")
    shown = json.loads(out)
    assert shown["applicant"]["phone"] == "0912345678"
    assert shown["status"] == 2
    code, out, _ = cli("search", "pham thi", "--format", "json")
    assert [r["code"] for r in json.loads(out)] == [dossier_code]
    code, out, _ = cli("search", "hoa", "--status", "4")
    assert "Không có hồ sơ" in out
    assert cli("status", dossier_code, "4", "--by", "an.nv")[0] == 0
    code, _, err = cli("status", dossier_code, "10", "--by", "an.nv")
    assert code == 2 and "Không thể chuyển" in err
    code, out, _ = cli("show", dossier_code)
    assert "Đang xử lý" in out and "Phạm Thị Hoa" in out


def test_bad_input_exit_2_names_field(cli, tmp_path: Path) -> None:
    bad = dict(DOSSIER, applicant=dict(DOSSIER["applicant"], phone="12"))
    code, _, err = cli("receive", "--json", "-", stdin=json.dumps(bad))
    assert code == 2 and "applicant.phone" in err
    code, _, err = cli("receive", "--json", "-", stdin="{oops")
    assert code == 2 and "JSON không hợp lệ" in err
    code, _, err = cli("receive", "--json", str(tmp_path / "missing.json"))
    assert code == 2 and "Không đọc được" in err
    code, _, err = cli("show", "nope")
    assert code == 2
    code, _, err = cli("due-date", "--procedure", "1.001193", "--received", "mai")
    assert code == 2 and "received" in err


def test_import_reports_bad_lines_and_keeps_good_ones(cli, tmp_path: Path) -> None:
    lines = [
        json.dumps(DOSSIER, ensure_ascii=False),
        "{broken",
        json.dumps(dict(DOSSIER, procedure_code="0.000000")),
        json.dumps(DOSSIER),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    code, out, err = cli("import", str(path))
    assert code == 2
    assert len(out.splitlines()) == 2
    assert "dòng 2" in err and "dòng 3: procedure_code" in err
    code, out, _ = cli("search", "", "--format", "json")
    assert len(json.loads(out)) == 2


def test_due_date_audit_staff_catalogue_holiday(cli, tmp_path: Path) -> None:
    code, out, _ = cli("due-date", "--procedure", "1.001193", "--received", "2026-04-29 16:00")
    assert (code, out.strip()) == (
        0,
        "Thứ Hai, 04/05/2026 17:00",
    )  # same day, after 15:00, 30/4-1/5
    code, out, _ = cli("audit", "verify", "--format", "json")
    assert code == 0 and json.loads(out)["ok"] is True
    code, out, _ = cli("staff", "list", "--format", "json")
    assert json.loads(out)[0]["username"] == "an.nv"
    assert cli("staff", "password", "binh.tt", "--password-stdin", stdin="moi-mat-khau\n")[0] == 0
    code, _, err = cli("staff", "password", "binh.tt", "--password-stdin", stdin="123\n")
    assert code == 2 and "ít nhất 10 ký tự" in err
    service = CounterService.open(tmp_path / "data")
    try:
        assert service.staff.authenticate("binh.tt", "moi-mat-khau")["username"] == "binh.tt"
    finally:
        service.close()
    code, out, _ = cli("catalogue", "list", "ket hon")
    assert "1.000894" in out
    assert cli("holiday", "off", "2026-05-04", "--note", "Nghỉ bù")[0] == 0
    code, out, _ = cli("due-date", "--procedure", "1.001193", "--received", "2026-04-29 16:00")
    assert out.strip() == "Thứ Ba, 05/05/2026 17:00"


def test_demo_data_then_search(cli) -> None:
    assert cli("demo-data", "--count", "500")[0] == 0
    code, out, _ = cli("search", "nguyen", "--limit", "5", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 5


def test_console_script_and_module_entry(tmp_path: Path) -> None:
    for cmd in (
        [sys.executable, "-m", "counter_app"],
        [str(Path(sys.executable).parent / "counter-app")],
    ):
        result = subprocess.run(
            [*cmd, "search", "--help"], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0 and "--overdue" in result.stdout
