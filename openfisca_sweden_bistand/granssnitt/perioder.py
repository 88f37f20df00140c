"""Faster reading of period strings ("2026-03") in openfisca-core.

openfisca-core parses a period string with pendulum on every call (about 50 µs), and the
SimulationBuilder parses each input's period string three times: for a case with some thirty
inputs that is half the time of a /calculate request. Periods are immutable, so this module
registers, for ``str``, a cached version of core's own parser on ``openfisca_core.periods.period``
(a ``functools.singledispatch`` function): the same result, computed once per distinct string.
Errors are not cached and are raised as before.

It changes openfisca-core for the whole process, so it is installed only by ``bistand serve``
(``installera()`` in server.py), never on import: a process that imports this package beside other
country packages keeps core's own parser. ``BISTAND_PERIODCACHE=0`` turns it off (bench/api.py
measures the server with and without it).
"""

import functools
import os
from typing import Any

from openfisca_core.periods import helpers

_karnans_tolkning = helpers.period.dispatch(object)  # core's implementation for strings and the rest


@functools.lru_cache(maxsize=4096)
def _period_fran_text(text: str) -> Any:
    return _karnans_tolkning(text)


def installera() -> bool:
    """Register the cached parser for ``str`` (once); False when turned off by BISTAND_PERIODCACHE=0."""
    if os.environ.get("BISTAND_PERIODCACHE") == "0":
        return False
    if str not in helpers.period.registry:
        helpers.period.register(str)(_period_fran_text)
    return True
