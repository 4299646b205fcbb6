"""A child process that uploads one file to the stand-in portal and prints its progress as
JSON lines, so a test can SIGKILL it mid-way: `upload_child.py URL USER PASSWORD FILE CHUNK`."""

from __future__ import annotations

import json
import sys

from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal.uploads import FileSource, upload


def main() -> None:
    url, user, password, path, chunk = sys.argv[1:6]
    source = FileSource.of(
        path, dossier_code="000.00.70.H26-260715-1001", group="TepDinhKem", item="Bản chụp"
    )

    def show(percent: int) -> None:
        print(json.dumps({"percent": percent}), flush=True)

    with PortalClient(PortalConfig(url, user, password)) as client:
        ref = upload(client, source, chunk_size=int(chunk), on_progress=show)
    print(json.dumps({"MaTep": ref}), flush=True)


if __name__ == "__main__":
    main()
