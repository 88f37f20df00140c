"""The package's named reforms and automation regimes, for choosing one by name (the web page's what-if).

A key is the reform's class name in its module; the title is the reform's own ``name`` (Swedish). Only
these can be chosen: a name from a request is looked up here, never imported as a path. ``tillampa``
builds the system of a reform on top of a regime, each combination once per process.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

from openfisca_sweden_bistand.system import skattesystem

_PAKET = "openfisca_sweden_bistand.reforms"

# key -> module in reforms/ (the key is the class name there)
REFORMER: dict[str, str] = {
    "Bidragstak2027": "bidragstak",
    "AktivitetskravNekas": "aktivitetskrav",
    "AktivitetskravHalveras": "aktivitetskrav",
    "IngenJobbstimulans2027": "jobbstimulans",
    "Jobbstimulans50Procent12Manader2027": "jobbstimulans",
    "RiksnormPlus5Procent2027": "riksnorm",
    "AvrundningNedat": "kommunala_val",
    "BarnsOverskjutandeArbetsinkomstRaknasInte": "kommunala_val",
    "BarnsOverskjutandeArbetsinkomstRaknasUtanProvning": "kommunala_val",
}
# The automation regimes: which outcomes the automated decision function may decide.
REGIMER: dict[str, str] = {
    "IngaAutomatiseradeBeslut": "automatisering",
    "AutomatiseradeBifall": "automatisering",
    "AllaUtfallAutomatiseras": "automatisering",
}


def reformklass(nyckel: str) -> Any:
    """The reform class of ``nyckel`` (a key of REFORMER or REGIMER); KeyError for any other name."""
    modul = REFORMER.get(nyckel) or REGIMER[nyckel]
    return getattr(importlib.import_module(f"{_PAKET}.{modul}"), nyckel)


def i_kraft_fran(nyckel: str) -> str | None:
    """The day the reform would apply from (YYYY-MM-DD), None when it has no date (a municipality's choice)."""
    return getattr(reformklass(nyckel), "i_kraft_fran", None)


def titel(nyckel: str) -> str:
    """The reform's Swedish name."""
    return str(getattr(reformklass(nyckel), "name", None) or nyckel)


@functools.lru_cache(maxsize=16)
def tillampa(reform: str | None, regim: str | None) -> Any:
    """The tax-benefit system with the regime, then the reform, applied (the baseline when both are None)."""
    system = skattesystem()
    if regim:
        if regim not in REGIMER:
            raise KeyError(regim)
        system = reformklass(regim)(system)
    if reform:
        if reform not in REFORMER:
            raise KeyError(reform)
        system = reformklass(reform)(system)
    return system
