"""The register (Sổ theo dõi hồ sơ) and the daily fee summary of a period, with export."""

from counter_app.gui.ledgers.page import LedgersWidget

__all__ = ["LedgersWidget"]
