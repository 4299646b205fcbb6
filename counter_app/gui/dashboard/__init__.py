"""The centre head's dashboard: the centre's figures of a period, as cards and charts."""

from counter_app.gui.dashboard.page import DashboardWidget

__all__ = ["DashboardWidget"]
