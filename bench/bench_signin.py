"""What the password cost of issue 11 costs a sign-in: scrypt N=2^17 (now) against N=2^14
(before), and a CLI command's sign-in, measured in the same run.

    .venv/bin/python bench/bench_signin.py [--rounds 5]

Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from common import configured_service, print_json, print_table

from counter_app.services import staff


def timed(function, rounds: int) -> float:
    """Median seconds of `function()` over `rounds` runs."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    password = "hoa sen trắng 2026"
    old = staff.hash_password(password, n=2**14)
    new = staff.hash_password(password, n=staff.SCRYPT_N)
    old_s = timed(lambda: staff.check_password(password, old), args.rounds)
    new_s = timed(lambda: staff.check_password(password, new), args.rounds)
    with tempfile.TemporaryDirectory() as folder:
        service = configured_service(Path(folder) / "data")
        try:
            sign_in_s = timed(
                lambda: service.staff.authenticate("an.nv", "matkhau1-quay"), args.rounds
            )

            def unknown() -> None:
                try:
                    service.staff.authenticate("khong.co.ai", "matkhau1-quay")
                except staff.AuthError:
                    pass

            unknown_s = timed(unknown, args.rounds)
        finally:
            service.close()
    print_table(
        "bench_signin",
        [
            ("check N=2^14 (before)", f"{old_s * 1000:.0f} ms"),
            ("check N=2^17 (now)", f"{new_s * 1000:.0f} ms, {new_s / old_s:.1f}x before"),
            ("sign-in, right password", f"{sign_in_s * 1000:.0f} ms"),
            ("sign-in, unknown user", f"{unknown_s * 1000:.0f} ms (dummy hash: same work)"),
        ],
    )
    print_json(
        {
            "check_n14_ms": round(old_s * 1000, 1),
            "check_n17_ms": round(new_s * 1000, 1),
            "ratio_n17_over_n14": round(new_s / old_s, 2),
            "signin_ms": round(sign_in_s * 1000, 1),
            "signin_unknown_user_ms": round(unknown_s * 1000, 1),
            "ratio_unknown_over_known": round(unknown_s / sign_in_s, 2),
        }
    )


if __name__ == "__main__":
    main()
