"""The one place that resolves bundled assets (fonts, catalogue, icons, translations).

The assets live in the repository's top-level `resources/` folder, which the wheel ships as
the package data `counter_app.resources` (see setup.py / pyproject.toml). Three cases:
the PyInstaller bundle (`<bundle>/_internal/resources`, placed there by build.spec), an
installed wheel (`counter_app/resources` inside site-packages), and a checkout or editable
install (the top-level `resources/` beside the package). The package is always a folder on
disk (never imported from a zip), so its data is found beside `__file__`, without
`importlib.resources` (~2 ms of the GUI's start-up).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The folder that holds the assets, for whichever of the three installs this is."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    # A wheel installs the package data inside the package; a checkout has none there.
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled asset, e.g. resource_path("fonts", "LiberationSerif-Regular.ttf")."""
    return resources_root().joinpath(*parts)
