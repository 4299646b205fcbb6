"""Start the stand-in portal as its own process on 127.0.0.1 (no GIL shared with the client)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class PortalProcess:
    def __init__(self, db: Path, user: str = "counter", password: str = "secret") -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "counter_app.portal_sim",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--db",
                str(db),
                "--user",
                user,
                "--password",
                password,
                "--catalogue",
                str(ROOT / "resources" / "catalogue.json"),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line.startswith("listening on "):
            self.process.kill()
            raise RuntimeError(f"portal did not start: {line!r}")
        self.url = line.removeprefix("listening on ")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def __enter__(self) -> PortalProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
