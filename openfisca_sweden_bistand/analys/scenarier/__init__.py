"""The analysts' scenarios, each a module with ``main(argv)``: ``bistand scenario NAMN [--households N] …``
or ``python -m openfisca_sweden_bistand.analys.scenarier.NAMN``. Copy one to write your own (README)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import cast

NAMN: list[str] = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def huvudfunktion(namn: str) -> Callable[[list[str] | None], int]:
    """The ``main`` of scenario ``namn``."""
    if namn not in NAMN:
        raise KeyError(f"inget scenario {namn!r}; finns: {', '.join(NAMN)}")
    modul = importlib.import_module(f"{__name__}.{namn}")
    return cast(Callable[[list[str] | None], int], modul.main)


def beskrivning(namn: str) -> str:
    """What scenario ``namn`` compares, in Swedish: its ``skapa``'s docstring (the report's description)."""
    modul = importlib.import_module(f"{__name__}.{namn}")
    return (modul.skapa.__doc__ or "").strip().split("\n")[0].rstrip(".")
