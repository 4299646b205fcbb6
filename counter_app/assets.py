"""The one place that resolves bundled assets (fonts, icons, …), frozen or not."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside the bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled asset, e.g. resource_path("fonts", "LiberationSerif-Regular.ttf")."""
    return resources_root().joinpath(*parts)
