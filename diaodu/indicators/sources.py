"""Live sources: an indicator whose value another app keeps, read through a registry instead of typed.

An indicator names its source by a code (`Indicator.registry_source`, e.g. "resident_enterprises"). The app
that keeps the data registers a function for that code from its `AppConfig.ready`::

    from diaodu.indicators.sources import register_source

    register_source("resident_enterprises", resident_enterprise_count)   # fn(as_of: date) -> Decimal | int | None

The function answers the value on a day (a stock: the count of resident enterprises on `as_of`), or None
when it does not know that day. It is read at two points only: the day the page is about, giving the
current reading, and the same day a year earlier, giving the base of its growth. History stays as typed
(the statistics bureau's figures for past years are not rewritten by a registry started later).

Without a registered function, or when it answers None, the typed values are used. A function that raises
is logged and treated as silent: an error in another app must not take the indicators page down.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from decimal import Decimal

from diaodu.core.units import to_decimal

logger = logging.getLogger(__name__)

SourceFunction = Callable[[dt.date], Decimal | int | None]
_sources: dict[str, SourceFunction] = {}


def register_source(code: str, fn: SourceFunction) -> None:
    """Register (or replace) the function that answers the live value of `code`."""
    if not code or not callable(fn):
        raise ValueError("register_source needs a code and a callable")
    _sources[code] = fn


def unregister_source(code: str) -> None:
    _sources.pop(code, None)


def registered_sources() -> list[str]:
    return sorted(_sources)


def is_registered(code: str) -> bool:
    return bool(code) and code in _sources


def read_source(code: str, as_of: dt.date) -> Decimal | None:
    """The live value of `code` on `as_of`, or None (no source, no answer, or a failing source)."""
    fn = _sources.get(code) if code else None
    if fn is None:
        return None
    try:
        answer = fn(as_of)
    except Exception:
        logger.exception("indicator source %r failed for %s; typed values are used", code, as_of)
        return None
    if answer is None:
        return None
    if isinstance(answer, float):
        answer = str(answer)  # a source that counts in float still gives the figure it printed
    return to_decimal(answer)
