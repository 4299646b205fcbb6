"""Realistic demo dossiers for training and benchmarks, written in bulk.

Demo dossiers are marked sync_state 'local': they are never queued for the portal.
They use the counter's real code format but the day's sequence is taken from the
same code_sequences table as real receipts, so real and demo codes never collide.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta

from counter_app.domain import addresses, clock
from counter_app.domain.status import Status
from counter_app.services import CounterService
from counter_app.services.intake import MAX_SEQUENCE, next_code_sequence
from counter_app.store import audit
from counter_app.store.dossier_writer import NewDossier, insert_dossiers

# Names drawn as they occur: surnames by their share of the population (Nguyễn ≈ 38 %,
# then Trần, Lê, Phạm ...), "Thị" in most women's names and "Văn" in most men's, and a
# second middle name in some. Search benchmarks depend on this skew: an even spread over
# 20 surnames hides how long the doclist of "nguyen" is at 1,000,000 dossiers.
FAMILY_WEIGHTS = [
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 30),
    ("Huỳnh", 21),
    ("Phan", 45),
    ("Vũ", 22),
    ("Võ", 17),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 6),
    ("Trịnh", 4),
    ("Đoàn", 4),
    ("Lương", 3),
    ("Mai", 3),
    ("Tạ", 2),
    ("Cao", 2),
    ("Hà", 2),
    ("Trương", 10),
    ("Lâm", 8),
    ("Kiều", 4),
    ("Châu", 4),
    ("Quách", 3),
    ("Thái", 5),
    ("Tô", 4),
    ("Hứa", 3),
    ("La", 3),
    ("Vương", 5),
    ("Phùng", 5),
    ("Khúc", 2),
    ("Lã", 2),
    ("Nông", 6),
    ("Triệu", 6),
    ("Lò", 3),
    ("Chu", 5),
    ("Âu", 2),
    ("Mạc", 3),
    ("Từ", 3),
]
FAMILY = [name for name, _ in FAMILY_WEIGHTS]
FAMILY_SHARES = [share for _, share in FAMILY_WEIGHTS]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Xuân", "Đình", "Ngọc"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Minh", "Thanh", "Hồng", "Kim", "Bích", "Phương", "Diệu"]
TYPICAL_MIDDLE = {False: "Văn", True: "Thị"}
TYPICAL_MIDDLE_SHARE = {False: 0.6, True: 0.8}  # men with "Văn", women with "Thị"
SECOND_MIDDLE_SHARE = 0.3  # "Nguyễn Thị Minh Khai": a second middle name
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hùng",
    "Khoa",
    "Long",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tài",
    "Thắng",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Hiếu",
]
GIVEN_F = [
    "Anh",
    "Châu",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Trang",
    "Vân",
    "Yến",
]
STREETS = [
    "Hàng Bạc",
    "Hàng Đào",
    "Lý Thường Kiệt",
    "Tràng Tiền",
    "Đinh Tiên Hoàng",
    "Hai Bà Trưng",
    "Nguyễn Du",
    "Bà Triệu",
    "Phan Chu Trinh",
    "Lê Thái Tổ",
]
# Where a dossier whose appointment has passed ends up, weighted like a normal week: nearly
# all done and handed back, a few waiting for the citizen's documents (5), withdrawn,
# stopped or refused, and only ~5 % still open past the appointment (2, 4, 6: overdue).
# Dossiers not yet due are received (2) or in processing (4).
STATUS_WEIGHTS = [(2, 1), (4, 3), (5, 4), (6, 1), (9, 20), (10, 62), (7, 3), (8, 2), (3, 4)]
LATE_SHARE = 0.06  # finished dossiers done after their appointment
# How a demo dossier reached its status, one legal step at a time (domain.status.ALLOWED):
# no 2 -> 10 jumps; a refusal (3) is recorded at the counter and never received.
STATUS_PATHS: dict[int, tuple[int, ...]] = {
    2: (2,),
    3: (3,),
    4: (2, 4),
    5: (2, 4, 5),
    6: (2, 4, 6),
    7: (2, 7),
    8: (2, 4, 8),
    9: (2, 4, 9),
    10: (2, 4, 9, 10),
}
BATCH = 5000


def _demo_events(
    received: datetime, finished: datetime, officer: str, status: int, rng: random.Random
) -> list[tuple[str, str, int | None, int, str]]:
    """The status events of a demo dossier along STATUS_PATHS: the first at reception, the
    others spread up to `finished` (its result handed back then: the register's "Ngày trả")."""
    path = STATUS_PATHS[status]
    span = max(finished - received, timedelta(0))
    events: list[tuple[str, str, int | None, int, str]] = []
    previous: int | None = None
    for step, target in enumerate(path):
        if step == 0:
            moment = received
        elif step == len(path) - 1 and status in (9, 10):
            moment = finished
        else:
            moment = received + span * (step / len(path)) * rng.uniform(0.5, 1.0)
        reason = "" if target in (2, 4, 9, 10) else "Dữ liệu mẫu"
        events.append(
            (clock.to_storage(moment.replace(microsecond=0)), officer, previous, target, reason)
        )
        previous = target
    return events


def generate_demo_data(
    service: CounterService, count: int, *, seed: int = 1, days: int = 365
) -> int:
    """Insert `count` dossiers spread over the last `days` days, oldest first."""
    settings = service.settings.require_configured()
    rng = random.Random(seed)
    procedures = service.catalogue.procedures()
    officers = [s["username"] for s in service.staff.all() if s["active"]] or ["demo"]
    home = addresses.commune(settings["ward_code"])
    neighbours = [c for c in addresses.communes_of(home.province_code)][:40] or [home]
    calendar = service.calendar.work_calendar()
    unit = settings["unit_code"]
    now = clock.now()
    start = now - timedelta(days=days)
    step = timedelta(days=days) / max(count, 1)
    statuses = [s for s, _ in STATUS_WEIGHTS]
    weights = [w for _, w in STATUS_WEIGHTS]
    created = 0
    slot = 0  # position on the time line; a slot whose day is full is skipped
    while created < count and slot < count * 4:
        size = min(BATCH, count - created)
        with service.store.write() as conn:
            batch: list[NewDossier] = []
            for _ in range(size):
                slot += 1
                received = _working_moment(calendar, start + step * slot, rng)
                if received > now:
                    received = now
                procedure = rng.choice(procedures)
                code = _next_code(conn, unit, rng.randint(1, 9), received)
                if code is None:
                    continue  # that day's 999 codes are used; spread onto later days
                female = rng.random() < 0.52
                name = demo_name(rng, female)
                birth = datetime(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))
                century = 0 if birth.year < 2000 else 2
                id_number = (
                    f"{home.province_code:03d}{century + int(female)}{birth.year % 100:02d}"
                    f"{rng.randint(0, 999999):06d}"
                )
                phone = f"0{rng.choice('35789')}{rng.randint(0, 99999999):08d}"
                commune = rng.choice(neighbours)
                applicant = {
                    "full_name": name,
                    "id_number": id_number,
                    "id_type": "cccd",
                    "birth_date": birth.date().isoformat(),
                    "sex": "Nữ" if female else "Nam",
                    "phone": phone,
                    "email": "",
                    "address": f"Số {rng.randint(1, 200)} phố {rng.choice(STREETS)}",
                    "ward_code": commune.code,
                    "province_code": commune.province_code,
                }
                due = calendar.due_for(received, procedure)
                status = rng.choices(statuses, weights)[0] if due < now else rng.choice([2, 4])
                officer = rng.choice(officers)
                received_text = clock.to_storage(received)
                events = _demo_events(
                    received, _finished_at(received, due, now, rng), officer, status, rng
                )
                returned_at = events[-1][0] if status == int(Status.RETURNED) else None
                batch.append(
                    NewDossier(
                        uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                        code=code,
                        procedure=procedure,
                        applicant=applicant,
                        officer=officer,
                        received_at=received_text,
                        due_at=clock.to_storage(due) if status != int(Status.REFUSED) else None,
                        status=status,
                        channel="counter",
                        return_method="counter",
                        created_at=received_text,
                        updated_at=received_text,
                        sync_state="local",
                        events=events,
                        documents=procedure["documents"],
                        fees=[dict(fee, paid=True) for fee in procedure["fees"]],
                        book_number=str(received.year),
                        returned_at=returned_at,
                        collected_by=name if returned_at else None,
                    )
                )
            insert_dossiers(conn, batch)
            created += len(batch)
    with service.store.write() as conn:
        audit.append(
            conn, actor="demo", action="demo.generate", detail={"count": created, "seed": seed}
        )
    return created


def _finished_at(received: datetime, due: datetime, now: datetime, rng: random.Random) -> datetime:
    """When a finished demo dossier was done: mostly in the second half of its time, a few
    (LATE_SHARE) up to two days after the appointment; never in the future."""
    if rng.random() < LATE_SHARE:
        finished = due + timedelta(hours=rng.uniform(1, 48))
    else:
        finished = received + (due - received) * rng.uniform(0.5, 1.0)
    return min(finished, now)


def demo_name(rng: random.Random, female: bool) -> str:
    """A full name as they occur: weighted surname, mostly "Thị"/"Văn", sometimes two
    middle names."""
    middles = MIDDLE_F if female else MIDDLE_M
    typical = TYPICAL_MIDDLE[female]
    parts = [rng.choices(FAMILY, FAMILY_SHARES)[0]]
    if rng.random() < TYPICAL_MIDDLE_SHARE[female]:
        parts.append(typical)
        if rng.random() < SECOND_MIDDLE_SHARE:
            parts.append(rng.choice([m for m in middles if m != typical]))
    else:
        parts.append(rng.choice([m for m in middles if m != typical]))
    parts.append(rng.choice(GIVEN_F if female else GIVEN_M))
    return " ".join(parts)


def _working_moment(calendar, moment: datetime, rng: random.Random) -> datetime:
    """Snap a moment into working hours, as a real walk-in would be."""
    moment = moment.replace(hour=rng.choice([7, 8, 9, 10, 14, 15, 16]), minute=rng.randint(0, 59))
    if moment.hour == 7:
        moment = moment.replace(minute=max(30, moment.minute))
    return calendar.service_start(moment).replace(microsecond=0, second=0)


def _next_code(conn, unit: str, counter: int, day: datetime) -> str | None:
    day_key = day.strftime("%y%m%d")
    sequence = next_code_sequence(conn, day_key, counter)
    if sequence > MAX_SEQUENCE:
        return None
    return f"{unit}-{day_key}-{counter}{sequence:03d}"
