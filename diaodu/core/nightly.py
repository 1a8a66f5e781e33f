"""Jobs of the nightly run that belong to apps above `progress` (which owns the `nightly` command).

A higher app registers its job from its AppConfig.ready(); the command runs them after its own work, in
registration order, so no lower app imports a higher one.
"""

import datetime as dt
from collections.abc import Callable

# name → job(as_of) returning a line for the command's output
_jobs: dict[str, Callable[[dt.date | None], str]] = {}


def register_nightly_job(name: str, job: Callable[[dt.date | None], str]) -> None:
    _jobs[name] = job


def nightly_jobs() -> list[tuple[str, Callable[[dt.date | None], str]]]:
    return list(_jobs.items())
