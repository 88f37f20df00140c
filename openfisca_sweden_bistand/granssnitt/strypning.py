"""Throttling of wrong API keys (*strypning*): a client address that sends too many wrong keys waits.

The API key is long and random (nyckelstyrka.py), so guessing it is hopeless; still, nothing should let
a client try thousands of keys a second. ``Strypning`` counts each address's failed attempts in a sliding
window; after ``max_fel`` failures within ``fonster`` seconds the address is refused (429, with
``Retry-After``) for ``sparr`` seconds, whatever key it sends, so that a guess made while refused tells
nothing. A right key clears the address's count.

Bounded memory: at most ``max_adresser`` addresses are remembered, the least recently seen forgotten
first (an attacker with many addresses can make the server forget one, never make it grow). The count is
kept in each worker process (``bistand serve --workers N``: up to N × ``max_fel`` failures per window for
one address), and behind a proxy it is per address only with ``--bakom-proxy`` (otherwise every client has
the proxy's address, and one client's failures refuse all). The clock is injected for the tests.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import Any

MAX_FEL = 10  # failed attempts per address within the window
FONSTER = 60.0  # seconds
SPARR = 300.0  # seconds an address is refused after too many failures
MAX_ADRESSER = 10_000


class Strypning:
    """Failed key attempts per client address (thread-safe; one per worker process)."""

    def __init__(self, max_fel: int = MAX_FEL, fonster: float = FONSTER, sparr: float = SPARR,
                 max_adresser: int = MAX_ADRESSER, klocka: Callable[[], float] = time.monotonic) -> None:
        if max_fel < 1 or fonster <= 0 or sparr <= 0 or max_adresser < 1:
            raise ValueError("max_fel, fonster, sparr och max_adresser ska vara positiva")
        self.max_fel, self.fonster, self.sparr, self.max_adresser = max_fel, fonster, sparr, max_adresser
        self.klocka = klocka
        self._las = threading.Lock()
        self._fel: OrderedDict[str, deque[float]] = OrderedDict()  # failure times, oldest first
        self._sparrad_till: OrderedDict[str, float] = OrderedDict()

    def vanta(self, adress: str) -> int | None:
        """Whole seconds ``adress`` must wait before it may try a key again, or None if it may now."""
        with self._las:
            till = self._sparrad_till.get(adress)
            if till is None:
                return None
            kvar = till - self.klocka()
            if kvar <= 0:
                del self._sparrad_till[adress]
                return None
            return max(1, math.ceil(kvar))

    def misslyckat(self, adress: str) -> int | None:
        """Count a wrong key from ``adress``; the seconds it must now wait if this failure was one too many."""
        with self._las:
            nu = self.klocka()
            tider = self._fel.pop(adress, None) or deque()
            tider.append(nu)
            while tider and tider[0] <= nu - self.fonster:
                tider.popleft()
            if len(tider) < self.max_fel:
                self._fel[adress] = tider  # most recently seen last
                _begransa(self._fel, self.max_adresser)
                return None
            self._sparrad_till.pop(adress, None)
            self._sparrad_till[adress] = nu + self.sparr
            _begransa(self._sparrad_till, self.max_adresser)
            return max(1, math.ceil(self.sparr))

    def lyckat(self, adress: str) -> None:
        """A right key from ``adress``: its failures are forgotten."""
        with self._las:
            self._fel.pop(adress, None)

    def antal_adresser(self) -> int:
        """The addresses remembered (for the tests of the bound)."""
        with self._las:
            return len(self._fel) + len(self._sparrad_till)


def _begransa(tabell: OrderedDict[str, Any], storst: int) -> None:
    while len(tabell) > storst:
        tabell.popitem(last=False)
