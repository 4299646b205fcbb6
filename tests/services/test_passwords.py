"""Issue 11: staff passwords — scrypt at OWASP cost, re-hashed on sign-in, a length rule,
one message for an unknown user and a wrong password."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PASSWORDS, TEST_HASH_COST, open_app_db

from counter_app.services import AuthError, CounterService, InputError, staff
from counter_app.services.staff import SIGN_IN_FAILED, check_sign_in_read_only
from counter_app.store import driver as sqlite3


def stored_hash(service: CounterService, username: str) -> str:
    return (
        service.store.read()
        .execute("SELECT password_hash FROM staff WHERE username = ?", (username,))
        .fetchone()[0]
    )


def test_production_cost_is_owasps_and_a_real_hash_fits_its_memory() -> None:
    assert (staff.SCRYPT_N, staff.SCRYPT_R, staff.SCRYPT_P) == (2**17, 8, 1)
    # one real hash at N=2^17 (128 MiB: needs the maxmem the module passes)
    real = staff.hash_password("hoa sen trắng 2026", n=staff.SCRYPT_N)
    assert real.startswith("scrypt$131072$8$1$")
    assert staff.check_password("hoa sen trắng 2026", real)
    assert not staff.check_password("hoa sen trắng 2027", real)


def test_tests_hash_at_their_own_low_cost_only(service: CounterService) -> None:
    # conftest lowers the cost by a function call; nothing in the app calls it
    assert stored_hash(service, "an.nv").startswith(f"scrypt${TEST_HASH_COST}$")
    app_code = Path(staff.__file__).parents[1]
    callers = [
        p
        for p in app_code.rglob("*.py")
        if "lower_hash_cost_for_tests(" in p.read_text(encoding="utf-8") and p.name != "staff.py"
    ]
    assert callers == []


def test_an_old_hash_is_rehashed_at_the_next_good_sign_in(
    service: CounterService, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = staff.hash_password(PASSWORDS["binh.tt"], n=2**14)  # what v1–v12 wrote
    with service.store.write() as conn:
        conn.execute("UPDATE staff SET password_hash = ? WHERE username = 'binh.tt'", (old,))
    monkeypatch.setitem(staff._cost, "n", 2**15)  # stands for SCRYPT_N, at a test's price
    with pytest.raises(AuthError):
        service.staff.authenticate("binh.tt", "sai-mat-khau-nhe")
    assert stored_hash(service, "binh.tt") == old  # a failure never rehashes
    service.staff.authenticate("binh.tt", PASSWORDS["binh.tt"])
    new = stored_hash(service, "binh.tt")
    assert new.startswith("scrypt$32768$8$1$") and new != old
    assert not staff.needs_rehash(new)
    detail = (
        service.store.read()
        .execute("SELECT detail FROM audit_log WHERE action = 'signin' ORDER BY id DESC LIMIT 1")
        .fetchone()[0]
    )
    assert '"rehashed": true' in detail
    service.staff.authenticate("binh.tt", PASSWORDS["binh.tt"])  # and it still signs in
    assert stored_hash(service, "binh.tt") == new
    assert service.audit.verify().ok


@pytest.mark.parametrize(
    ("password", "why"),
    [("matkhau1", "ít nhất 10"), ("         ", "ít nhất 10"), ("binh.tt", "ít nhất 10"),
     ("BINH.TT.TT", "trùng tên"), ("x" * 1025, "dài quá")],
)  # fmt: skip
def test_the_password_rule(service: CounterService, password: str, why: str) -> None:
    if why == "trùng tên":
        service.staff.add("binh.tt.tt", "Tên Trùng", "mot-mat-khau-dai", actor="an.nv")
    before = stored_hash(service, "binh.tt")
    with pytest.raises(InputError, match=why) as caught:
        target = "binh.tt.tt" if why == "trùng tên" else "binh.tt"
        service.staff.set_password(target, password, actor="an.nv")
    assert caught.value.field == "password"
    assert stored_hash(service, "binh.tt") == before
    with pytest.raises(InputError, match="ít nhất 10"):
        service.staff.add("moi.vao", "Mới Vào", "ngan", actor="an.nv")
    # a passphrase counts its spaces
    service.staff.set_password("binh.tt", "hoa sen trắng", actor="an.nv")


def test_unknown_user_wrong_password_and_disabled_account_look_the_same(
    service: CounterService,
) -> None:
    messages = []
    for username, password in (
        ("khong.co.ai", "bat-ky-mat-khau"),
        ("binh.tt", "sai-mat-khau-nhe"),
    ):
        with pytest.raises(AuthError) as caught:
            service.staff.authenticate(username, password)
        messages.append(str(caught.value))
    service.staff.set_active("binh.tt", False, actor="an.nv")
    with pytest.raises(AuthError) as caught:
        service.staff.authenticate("binh.tt", "sai-mat-khau-nhe")
    messages.append(str(caught.value))
    assert messages == [SIGN_IN_FAILED] * 3
    # only the right password learns that the account is locked
    with pytest.raises(AuthError, match="bị khóa"):
        service.staff.authenticate("binh.tt", PASSWORDS["binh.tt"])
    # the unknown user's attempt checked a real hash at the current cost (same work)
    assert staff._dummy_hash().startswith(f"scrypt${staff._cost['n']}$")


def test_a_disabled_account_can_do_nothing_even_by_code(service: CounterService) -> None:
    service.staff.set_active("an.nv", False, actor="an.nv")
    with pytest.raises(AuthError, match="bị khóa"):
        service.staff.set_active("an.nv", True, actor="an.nv")
    with pytest.raises(AuthError, match="bị khóa"):
        service.settings.update({"centre_name": "Khác"}, actor="an.nv")


def test_the_first_admin_only_while_no_staff_exists(data_dir: Path) -> None:
    service = CounterService.open(data_dir)
    try:
        service.staff.add_first_admin("an.nv", "Nguyễn Văn An", PASSWORDS["an.nv"])
        with pytest.raises(AuthError, match="staff accounts exist"):
            service.staff.add_first_admin("mallory", "Mallory", "mat-khau-cua-mallory")
        assert [s["username"] for s in service.staff.all()] == ["an.nv"]
    finally:
        service.close()


def test_sign_in_against_a_read_only_backup_uses_the_same_rules(service: CounterService) -> None:
    conn = open_app_db(service.store.db_path)
    conn.row_factory = sqlite3.Row
    try:
        assert check_sign_in_read_only(conn, "AN.NV", PASSWORDS["an.nv"], "administer") == "an.nv"
        for user, password in (("an.nv", "sai-mat-khau"), ("ai.do", "sai-mat-khau")):
            with pytest.raises(AuthError, match=SIGN_IN_FAILED.split(" /")[0]):
                check_sign_in_read_only(conn, user, password, "administer")
        with pytest.raises(AuthError, match="không có quyền"):
            check_sign_in_read_only(conn, "binh.tt", PASSWORDS["binh.tt"], "administer")
    finally:
        conn.close()


def test_training_keeps_its_published_demo_password(tmp_path: Path) -> None:
    from counter_app.gui.training import DEMO_PASSWORD, DEMO_USER, prepare_training

    environment = prepare_training(tmp_path / "demo", dossiers=0, start_portal=False)
    try:
        account = environment.service.staff.authenticate(DEMO_USER, DEMO_PASSWORD)
        assert account["role"] == "admin"
        with pytest.raises(InputError, match="ít nhất 10"):  # exempt in training only
            environment.service.staff.add("demo2", "Demo", DEMO_PASSWORD, actor=DEMO_USER)
    finally:
        environment.close()
        environment.service.close()
