"""Stand-in National Public Service Portal (stdlib only): the contract in docs/portal-contract.md.

Run it with `python -m counter_app.portal_sim --port 0 --db portal.sqlite3`, or in-process:

    with PortalServer(tmp_path / "portal.db") as server:
        server.faults.add("http500")
        ...
"""

from counter_app.portal_sim.faults import FAULT_KINDS, Fault, FaultController, parse_fault_spec
from counter_app.portal_sim.server import PortalServer

__all__ = ["FAULT_KINDS", "Fault", "FaultController", "PortalServer", "parse_fault_spec"]
