"""How much a secret key can be guessed: an estimate of its entropy, for the API key and the register's key.

A length check alone accepts ``aaaa…`` or a word repeated. The estimate is deliberately simple and on the
safe side for a human-made key:

- a key that repeats a block (``Passw0rd!Passw0rd!``, or ends as it began) counts as its block only;
- each symbol's information is the Shannon entropy of the key's symbols, with the Miller–Madow correction
  for a short sample, and the same for the steps between neighbouring symbols (``abcdef…`` or ``0123…`` has
  many symbols but one step); the lower of the two, times the block's length, is the estimate.

A random key (``secrets.token_urlsafe(32)``, 32 random bytes) is estimated at well over 128 bits; a key that
a person typed or built from a pattern mostly is not. The estimate is an upper bound of what a key is worth,
never a proof of randomness: make keys with ``secrets``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

MINSTA_ENTROPI = 128  # bits
SKAPA_NYCKEL = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'


def uppskattad_entropi(nyckel: str | bytes) -> float:
    """The estimated entropy of ``nyckel`` in bits (see the module's docstring)."""
    symboler = list(nyckel) if isinstance(nyckel, bytes) else [ord(t) for t in nyckel]
    block = symboler[:_period(symboler)]
    if len(block) < 2:
        return 0.0
    modul = 256 if isinstance(nyckel, bytes) else 0x110000
    steg = [(b - a) % modul for a, b in zip(block, block[1:], strict=False)]
    return min(_shannon(block), _shannon(steg)) * len(block)


def for_svag(nyckel: str | bytes, minst: int = MINSTA_ENTROPI) -> float | None:
    """The estimate (rounded down) when it is below ``minst`` bits, else None."""
    bitar = uppskattad_entropi(nyckel)
    return math.floor(bitar) if bitar < minst else None


def _period(symboler: Sequence[int]) -> int:
    """The length of the shortest block that the sequence repeats, the last time perhaps in part
    (``correcthorsebatterystaplecorrecthorse``: 25): the length less its longest border (KMP)."""
    kant = [0] * len(symboler)
    for i in range(1, len(symboler)):
        k = kant[i - 1]
        while k and symboler[i] != symboler[k]:
            k = kant[k - 1]
        kant[i] = k + (symboler[i] == symboler[k])
    return len(symboler) - (kant[-1] if symboler else 0)


def _shannon(symboler: Sequence[int]) -> float:
    """Bits per symbol: the Shannon entropy of the sample, Miller–Madow corrected."""
    n = len(symboler)
    antal = Counter(symboler)
    h = -sum(k / n * math.log2(k / n) for k in antal.values())
    return h + (len(antal) - 1) / (2 * n * math.log(2))
