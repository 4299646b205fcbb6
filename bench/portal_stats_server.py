"""The stand-in portal in its own process; on SIGTERM it writes its request log to a file."""

from __future__ import annotations

import json
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counter_app.portal_sim import PortalServer  # noqa: E402


def main() -> None:
    db, log_path = sys.argv[1], sys.argv[2]
    catalogue = Path(__file__).resolve().parents[1] / "resources" / "catalogue.json"
    server = PortalServer(db, users={"counter": "secret"}, catalogue_path=catalogue).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    print(f"listening on {server.url}", flush=True)
    stop.wait()
    Path(log_path).write_text(json.dumps(server.request_log(), default=str), encoding="utf-8")
    server.stop()


if __name__ == "__main__":
    main()
