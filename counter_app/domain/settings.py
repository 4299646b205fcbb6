"""Every setting, declared once with its type, default and meaning. Values live in the DB."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# How captured pages are stored (issue 16): greyscale, colour or black-and-white.
CAPTURE_COLOUR_MODES = ("grey", "colour", "bw")


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    description: str
    admin_only: bool = True


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in [
        Setting(
            "unit_code", str, "", "Mã định danh điện tử của đơn vị tiếp nhận (e.g. 000.00.01.H22)"
        ),
        Setting("ward_code", int, 0, "Mã xã/phường (vietnam-provinces)"),
        Setting("counter", int, 1, "Số quầy 1–9"),
        Setting("centre_name", str, "", "Tên Trung tâm Phục vụ hành chính công"),
        Setting("working_hours", str, "07:30-11:30,13:30-17:00", "Giờ làm việc"),
        Setting(
            "same_day_cutoff", str, "15:00", "Nhận sau giờ này thì hẹn trả ngày làm việc tiếp theo"
        ),
        Setting(
            "supplement_mode",
            str,
            "restart",
            "Sau bổ sung: 'restart' tính lại từ đầu, 'resume' tính tiếp",
        ),
        Setting("paper", str, "a4", "Khổ giấy biên nhận: a4 hoặc 80mm", admin_only=False),
        Setting("printer", str, "", "Máy in đã chọn", admin_only=False),
        Setting(
            "form_printing",
            dict,
            {},
            "Máy in, khổ giấy và in thẳng (không xem trước) theo từng mẫu",
            admin_only=False,
        ),
        Setting("lookup_url", str, "", "Mẫu địa chỉ tra cứu hồ sơ, {code} thay bằng mã hồ sơ"),
        Setting("portal_url", str, "", "Địa chỉ cổng dịch vụ công (để trống: không đồng bộ)"),
        Setting("portal_user", str, "", "Tài khoản cổng dịch vụ công"),
        Setting("portal_ca_bundle", str, "", "Tệp CA riêng để kiểm tra TLS (để trống: mặc định)"),
        Setting("sync_interval_seconds", int, 60, "Chu kỳ đồng bộ"),
        Setting("idle_lock_minutes", int, 5, "Khóa màn hình sau số phút không thao tác"),
        Setting(
            "max_failed_logins", int, 5, "Số lần đăng nhập sai tối đa trước khi khóa tài khoản"
        ),
        Setting("language", str, "vi", "Ngôn ngữ giao diện: vi hoặc en", admin_only=False),
        Setting("book_number", str, "", "Quyển số sổ theo dõi (để trống: năm hiện tại)"),
        Setting("backup_copy_dir", str, "", "Thư mục sao lưu thứ hai (USB, ổ mạng)"),
        Setting(
            "training",
            bool,
            False,
            "Quầy đào tạo (--demo): mọi bản in mang dấu BẢN ĐÀO TẠO, không có mã QR tra cứu",
        ),
        Setting(
            "capture_dpi",
            int,
            200,
            "Độ phân giải khi số hóa giấy tờ (dpi, 75–600)",
            admin_only=False,
        ),
        Setting(
            "capture_colour",
            str,
            "grey",
            "Chế độ màu khi số hóa: grey (xám), colour (màu) hoặc bw (đen trắng)",
            admin_only=False,
        ),
        Setting(
            "capture_watch_folder",
            str,
            "",
            "Thư mục máy in đa năng quét vào (để trống: không theo dõi)",
            admin_only=False,
        ),
        Setting(
            "late_warning_hours",
            int,
            24,
            "Báo 'sẽ trễ hạn' khi hồ sơ chưa xong và còn ít hơn số giờ này đến hẹn trả",
        ),
    ]
}


class SettingError(ValueError):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.field = key


def coerce(key: str, value: Any) -> Any:
    """Convert a raw value to the declared type, or raise SettingError naming the key."""
    spec = SETTINGS.get(key)
    if spec is None:
        raise SettingError(key, f"Không có thiết lập '{key}' / unknown setting")
    if spec.type is bool:
        # bool("false") is True: read the words a person or a JSON file would write
        words = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
        if isinstance(value, bool):
            return value
        if isinstance(value, int | str) and str(value).strip().lower() in words:
            return words[str(value).strip().lower()]
        raise SettingError(key, f"Thiết lập '{key}' phải là true hoặc false, nhận được {value!r}")
    try:
        return spec.type(value)
    except (TypeError, ValueError):
        raise SettingError(
            key, f"Thiết lập '{key}' phải là {spec.type.__name__}, nhận được {value!r}"
        ) from None
