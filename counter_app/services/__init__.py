"""The use cases of the counter, shared by the CLI, the GUI and sync.

`CounterService` holds the store and one manager per area (`service.intake.receive(...)`,
`service.dossiers.get(code)`, ...). Each write runs in one store transaction that also
appends the audit row and, for dossier changes, the frozen outbox entry (DESIGN §10).
"""

from counter_app.services.errors import AuthError, InputError, NotFound, ReceiveResult
from counter_app.services.front import CounterService

__all__ = ["AuthError", "CounterService", "InputError", "NotFound", "ReceiveResult"]
