"""The analysts' scenarios: the scripts in ``scenarios/`` at the top of the repository (carried inside an installed
package), each with ``skapa(args)`` and ``main(argv)``. ``python scenarios/NAMN.py --households N …`` runs one from a
checkout, ``bistand scenario NAMN …`` the same file from an installed package: one copy. Copy one to write your own
(README, docs: the analysts' guide). ``from openfisca_sweden_bistand.analys.scenarier import bidragstak_2027`` gives
its module.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import cast

from openfisca_sweden_bistand import SCENARIOKATALOG

NAMN: list[str] = sorted(p.stem for p in Path(SCENARIOKATALOG).glob("*.py") if not p.name.startswith("_"))


def modul(namn: str) -> ModuleType:
    """The module of scenario ``namn`` (loaded from its file once per process)."""
    if namn not in NAMN:
        raise KeyError(f"inget scenario {namn!r}; finns: {', '.join(NAMN)}")
    fullt = f"{__name__}.{namn}"
    if fullt not in sys.modules:
        spec = importlib.util.spec_from_file_location(fullt, Path(SCENARIOKATALOG) / f"{namn}.py")
        assert spec is not None and spec.loader is not None
        laddad = importlib.util.module_from_spec(spec)
        sys.modules[fullt] = laddad
        spec.loader.exec_module(laddad)
    return sys.modules[fullt]


def __getattr__(namn: str) -> ModuleType:
    """``from openfisca_sweden_bistand.analys.scenarier import bidragstak_2027``."""
    if namn in NAMN:
        return modul(namn)
    raise AttributeError(namn)


def huvudfunktion(namn: str) -> Callable[[list[str] | None], int]:
    """The ``main`` of scenario ``namn``."""
    return cast(Callable[[list[str] | None], int], modul(namn).main)


def beskrivning(namn: str) -> str:
    """What scenario ``namn`` compares, in Swedish: its ``skapa``'s docstring (the report's description)."""
    return (modul(namn).skapa.__doc__ or "").strip().split("\n")[0].rstrip(".")
