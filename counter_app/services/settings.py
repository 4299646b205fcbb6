"""The counter's settings: declared in domain/settings.py, stored as JSON, cached here."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from counter_app.domain import addresses, limits
from counter_app.domain.settings import CAPTURE_COLOUR_MODES as COLOUR_MODES
from counter_app.domain.settings import SETTINGS, SettingError, coerce
from counter_app.domain.text import nfc
from counter_app.domain.working_hours import WorkingHours, parse_cutoff
from counter_app.services.errors import InputError
from counter_app.services.staff import ADMINISTER
from counter_app.store import audit

if TYPE_CHECKING:
    from counter_app.services.front import CounterService


# What any signed-in account may change: this PC's printer and paper, remembered on printing.
COUNTER_PREFERENCES = frozenset(
    {"printer", "paper", "form_printing", "capture_dpi", "capture_colour", "capture_watch_folder"}
)


class SettingsManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service
        self._cache: dict[str, Any] | None = None

    def all(self) -> dict[str, Any]:
        if self._cache is None:
            values = {key: spec.default for key, spec in SETTINGS.items()}
            for row in self._service.store.read().execute("SELECT key, value FROM settings"):
                if row["key"] in SETTINGS:
                    values[row["key"]] = json.loads(row["value"])
            self._cache = values
        return dict(self._cache)

    def get(self, key: str) -> Any:
        return self.all()[key]

    def update(self, values: dict[str, Any], *, actor: str) -> None:
        if set(values) - COUNTER_PREFERENCES:
            self._service.staff.require(actor, ADMINISTER)
        clean = {key: _validate_setting(key, value) for key, value in values.items()}
        with self._service.store.write() as conn:
            for key, value in clean.items():
                conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, json.dumps(value, ensure_ascii=False)),
                )
            shown = {k: ("***" if "password" in k else v) for k, v in clean.items()}
            audit.append(conn, actor=actor, action="settings.update", detail=shown)
        self._cache = None
        self._service.calendar.forget()

    def configure(
        self,
        *,
        unit_code: str,
        ward_code: int | str,
        counter: int | str,
        centre_name: str,
        hours: str | None = None,
        actor: str = "setup",
        **extra: Any,
    ) -> None:
        values: dict[str, Any] = {
            "unit_code": unit_code,
            "ward_code": ward_code,
            "counter": counter,
            "centre_name": centre_name,
        }
        if hours:
            values["working_hours"] = hours
        values.update({k: v for k, v in extra.items() if v is not None})
        if not nfc(centre_name):
            raise InputError("centre_name", "Tên trung tâm không được để trống")
        self.update(values, actor=actor)

    def is_configured(self) -> bool:
        settings = self.all()
        return bool(settings["unit_code"] and settings["ward_code"] and settings["centre_name"])

    def require_configured(self) -> dict[str, Any]:
        if not self.is_configured():
            raise InputError(
                "setup",
                "Quầy chưa được thiết lập: chạy 'counter-app setup' trước / run setup first",
            )
        return self.all()

    def centre(self) -> dict[str, Any]:
        settings = self.all()
        info: dict[str, Any] = {
            "centre_name": settings["centre_name"],
            "unit_code": settings["unit_code"],
            "counter": settings["counter"],
            "lookup_url": settings["lookup_url"],
            "training": bool(settings["training"]),
            "place": "",
            "commune_name": "",
            "province_name": "",
        }
        if settings["ward_code"]:
            commune = addresses.commune(settings["ward_code"])
            info.update(
                place=addresses.place_name(commune),
                commune_name=commune.name,
                province_name=commune.province_name,
            )
        return info


def _validate_setting(key: str, value: Any) -> Any:
    try:
        value = coerce(key, value)
    except SettingError as exc:
        raise InputError(exc.field, str(exc)) from None
    if isinstance(value, str):
        value = nfc(value)
    if key == "counter" and not 1 <= value <= 9:
        raise InputError("counter", "Số quầy phải từ 1 đến 9 / counter must be 1-9")
    if key == "ward_code":
        try:
            addresses.commune(value)
        except ValueError as exc:
            raise InputError("ward_code", str(exc)) from None
    if key == "working_hours":
        try:
            WorkingHours.parse(value)
        except ValueError as exc:
            raise InputError("working_hours", str(exc)) from None
    if key == "same_day_cutoff":
        try:
            parse_cutoff(value)
        except ValueError as exc:
            raise InputError("same_day_cutoff", str(exc)) from None
    if key == "supplement_mode" and value not in ("restart", "resume"):
        raise InputError("supplement_mode", "Chỉ nhận 'restart' hoặc 'resume'")
    if key == "paper" and value not in ("a4", "80mm"):
        raise InputError("paper", "Khổ giấy chỉ nhận 'a4' hoặc '80mm'")
    if key == "form_printing":
        from counter_app.forms.print_setup import clean_form_printing  # forms load on demand

        try:
            value = clean_form_printing(value)
        except ValueError as exc:
            raise InputError("form_printing", str(exc)) from None
    if key == "capture_dpi" and not limits.CAPTURE_DPI_MIN <= value <= limits.CAPTURE_DPI_MAX:
        raise InputError(
            "capture_dpi",
            f"Độ phân giải số hóa phải từ {limits.CAPTURE_DPI_MIN} đến {limits.CAPTURE_DPI_MAX} dpi",
        )
    if key == "capture_colour" and value not in COLOUR_MODES:
        raise InputError("capture_colour", "Chế độ màu chỉ nhận 'grey', 'colour' hoặc 'bw'")
    if key == "language" and value not in ("vi", "en"):
        raise InputError("language", "Ngôn ngữ chỉ nhận 'vi' hoặc 'en'")
    if key == "unit_code" and not value:
        raise InputError("unit_code", "Mã đơn vị không được để trống")
    if key == "portal_url" and value:
        from counter_app.portal.config import check_portal_url

        value = check_portal_url(value)
    if key == "portal_ca_bundle" and value:
        from counter_app.portal.config import resolve_ca_bundle

        value = resolve_ca_bundle(value)
    return value
