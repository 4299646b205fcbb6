"""Training mode (`counter-app --demo`): a separate, pre-configured practice counter.

Where its data lives (never the real data folder):
- `--data-dir DIR --demo` or `COUNTER_APP_DATA=DIR`: the sibling folder `DIR/../demo`;
- otherwise the platform's user data folder for "counter-app-demo"
  (e.g. ~/.local/share/counter-app-demo, %LOCALAPPDATA%\\counter-app-demo).
Delete that folder to start training from scratch.

What it contains: Phường Hoàn Kiếm (ward 70), unit 000.00.01.H22, counter 1, the demo
officer "demo" / "demo123" (admin), ~300 demo dossiers (marked local: never sent), and
the stand-in portal running in this process on 127.0.0.1 with its own database in that
folder; the portal settings point at it, so dossiers received while practising are
synced to the stand-in, never to the real portal. Its password is kept in the folder's
secret file, not in the OS keyring. The packaged app carries the stand-in for this alone: there
it refuses to start outside training and listens on 127.0.0.1 only
(counter_app.portal_sim.training_only).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.ops import secrets_store
from counter_app.ops.startup import training_folder
from counter_app.services import CounterService
from counter_app.store import file_modes

DEMO_UNIT = "000.00.01.H22"
DEMO_WARD = 70
DEMO_COUNTER = 1
DEMO_CENTRE = "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm"
DEMO_USER = "demo"
DEMO_PASSWORD = "demo123"
# a person's name: screens and forms put "cán bộ" before it themselves
DEMO_FULL_NAME = "Nguyễn Thực Hành"
DEMO_DOSSIERS = 300
PORTAL_USER = "counter"
PORTAL_PASSWORD = "secret"
PORTAL_DB = "portal-sim.db"


@dataclass
class TrainingEnvironment:
    folder: Path
    service: CounterService
    portal: Any = None  # counter_app.portal_sim.PortalServer while running

    def close(self) -> None:
        """Stop the stand-in portal. The service is closed by its owner (the app)."""
        if self.portal is not None:
            portal, self.portal = self.portal, None
            portal.stop()


def prepare_training(
    folder: Path, *, dossiers: int = DEMO_DOSSIERS, start_portal: bool = True
) -> TrainingEnvironment:
    """Open (creating on first use) the training folder and start its stand-in portal.

    Raises the store's DataFolderLocked (ops.startup turns it into FolderRefused) when another training window already uses the folder.
    """
    file_modes.private_dir(folder)
    service = CounterService.open(folder)
    portal = None
    try:
        if not service.settings.is_configured():
            service.settings.configure(
                unit_code=DEMO_UNIT,
                ward_code=DEMO_WARD,
                counter=DEMO_COUNTER,
                centre_name=DEMO_CENTRE,
                actor="training",
            )
        if not service.settings.get("training"):
            # every form printed here carries the training mark (forms/layout.py)
            service.settings.update({"training": True}, actor="training")
        staff = {s["username"]: s for s in service.staff.all()}
        demo = staff.get(DEMO_USER)
        if demo is None:
            service.staff.add(
                DEMO_USER,
                DEMO_FULL_NAME,
                DEMO_PASSWORD,  # published practice password: exempt from the rule here only
                role="admin",
                actor="training",
                training=True,
            )
        elif not demo["active"] or demo["failed_logins"]:
            # a trainee may have locked the account: training must always open
            service.staff.set_active(DEMO_USER, True, actor="training")
        existing = service.dossiers.count()
        if existing == 0 and dossiers > 0:
            from counter_app.demo import generate_demo_data

            generate_demo_data(service, dossiers, seed=11, days=60)
        if start_portal:
            try:
                from counter_app.portal_sim import PortalServer
            except ModuleNotFoundError:
                # An installation built without the stand-in: train without sync.
                service.settings.update({"portal_url": ""}, actor="training")
                return TrainingEnvironment(folder=folder, service=service, portal=None)

            portal = PortalServer(
                folder / PORTAL_DB, users={PORTAL_USER: PORTAL_PASSWORD}, training=True
            )
            portal.start()
            service.settings.update(
                {"portal_url": portal.url, "portal_user": PORTAL_USER}, actor="training"
            )
            secrets_store.set_portal_password(
                folder, PORTAL_USER, PORTAL_PASSWORD, prefer_file=True
            )
    except BaseException:
        if portal is not None:
            portal.stop()
        service.close()
        raise
    return TrainingEnvironment(folder=folder, service=service, portal=portal)


def training_folder_for(args: argparse.Namespace) -> Path:
    return training_folder(getattr(args, "data_dir", None))
