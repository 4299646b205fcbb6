"""A receipt's centre and dossier, shared by the form tests and their fixtures."""

from __future__ import annotations


def receipt_centre() -> dict:
    return {
        "centre_name": "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
        "unit_code": "000.00.01.H22",
        "place": "Hoàn Kiếm",
        "commune_name": "Phường Hoàn Kiếm",
        "province_name": "Thành phố Hà Nội",
        "counter": 1,
        "lookup_url": "",
    }


def receipt_dossier() -> dict:
    return {
        "uuid": "5b0c7f1e-2f4e-4a53-9d1e-0a6f3f1c2b10",
        "code": "000.00.01.H22-260715-1003",
        "status": 2,
        "status_name": "Được tiếp nhận",
        "procedure": {
            "code": "1.001193",
            "name": "Đăng ký khai sinh",
            "field_name": "Hộ tịch",
            "processing_time": 1.0,
            "time_unit": "working_days",
        },
        "applicant": {
            "full_name": "Nguyễn Thị Minh Khai",
            "id_number": "001190012345",
            "id_type": "cccd",
            "birth_date": "1990-05-02",
            "sex": "Nữ",
            "phone": "0912345678",
            "email": "",
            "address": "Số 5 ngõ 12 phố Hàng Bạc",
            "commune_name": "Phường Hoàn Kiếm",
            "province_name": "Thành phố Hà Nội",
        },
        "documents": [
            {"name": "Tờ khai đăng ký khai sinh", "kind": "original", "count": 1},
            {"name": "Giấy chứng sinh", "kind": "original", "count": 1},
            {"name": "Giấy chứng nhận kết hôn của cha, mẹ", "kind": "certified_copy", "count": 1},
        ],
        "fees": [
            {"code": "LP01", "name": "Lệ phí đăng ký khai sinh", "amount": 50000, "paid": True}
        ],
        "sets": 1,
        "officer": "an.nv",
        "officer_name": "Nguyễn Văn An",
        "received_at": "2026-07-15 10:05:00",
        "due_at": "2026-07-16 10:05:00",
        "return_method": "counter",
        "result_place": "Bộ phận Một cửa - Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
        "book_number": "2026",
        "book_seq": 123,
        "notes": "",
        "events": [
            {
                "at": "2026-07-15 10:05:00",
                "by": "an.nv",
                "by_name": "Nguyễn Văn An",
                "from_status": 1,
                "to_status": 2,
                "reason": "",
            }
        ],
    }
