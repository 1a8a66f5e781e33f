"""Pause points for the crash-safety tests: a process told to pause at a named point says so and waits there.

The tests start a command in a subprocess with DIAODU_PAUSE_AT=<point>, read "diaodu-pause: <point>" from its
standard error, then kill it with SIGKILL while it is inside its transaction, and check that the database holds
what it held before (or what the last committed unit of work left). In production the variable is unset and a
pause point costs one dictionary lookup.
"""

import os
import sys
import time

VARIABLE = "DIAODU_PAUSE_AT"
_passed: dict[str, int] = {}


def pause_point(name: str) -> None:
    """Pause here when told to; DIAODU_PAUSE_SKIP=n lets the first n passes through (a later batch, say)."""
    if os.environ.get(VARIABLE) != name:
        return
    _passed[name] = _passed.get(name, 0) + 1
    if _passed[name] <= int(os.environ.get("DIAODU_PAUSE_SKIP", "0")):
        return
    sys.stderr.write(f"diaodu-pause: {name}\n")
    sys.stderr.flush()
    time.sleep(float(os.environ.get("DIAODU_PAUSE_SECONDS", "120")))
