"""The intake screen: widgets over `services.intake_form.IntakeForm`, composed by
`IntakeWidget` (see page.py)."""

from counter_app.gui.intake.page import IntakeWidget

__all__ = ["IntakeWidget"]
