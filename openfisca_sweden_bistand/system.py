"""The tax-benefit system of this package, built once per process and municipality (``skattesystem()``), and the
system a case of a municipality is decided under (``system_for``)."""

from __future__ import annotations

import functools
import inspect
from pathlib import Path
from typing import Any

from openfisca_core.reforms import Reform


@functools.lru_cache(maxsize=16)
def skattesystem(kommun: str | None = None) -> Any:
    """The tax-benefit system, built once per process: the national rules, or with ``kommun`` (a municipality's
    id, ``openfisca_sweden_bistand/kommuner/``) its guidelines over them. An unknown id raises KommunFel."""
    from openfisca_sweden_bistand import CountryTaxBenefitSystem

    if kommun is None:
        return CountryTaxBenefitSystem()
    system = skattesystem(None).clone()  # the national rules' own copy: parameters cloned, variables not re-read
    system.load_extension(kommun)
    return system


def _kedja(system: Any) -> tuple[tuple[type, ...], Any]:
    """The reforms applied to a system, innermost first, and the system they were applied to."""
    reformer: list[type] = []
    while isinstance(system, Reform):
        reformer.append(type(system))
        system = system.baseline
    return tuple(reversed(reformer)), system


@functools.lru_cache(maxsize=64)
def _med_reformer(reformer: tuple[type, ...], kommun: str) -> Any:
    system = skattesystem(kommun)
    for reform in reformer:
        system = reform(system)
    return system


def system_for(kommun: str | None, system: Any = None) -> Any:
    """The rules a case of ``kommun`` (None: national) is decided under: ``system`` (by default the national rules)
    when it already has that municipality's guidelines or none is asked for; else the same reforms applied over the
    municipality's guidelines."""
    if system is None:
        return skattesystem(kommun)
    from openfisca_sweden_bistand.kommuner import kommun_i

    egen = kommun_i(system)
    if kommun is None or (egen is not None and egen.id == kommun):
        return system
    return _med_reformer(_kedja(system)[0], kommun)


def regelfil(variabel: Any) -> str:
    """The rule file a variable is written in, relative to ``variables/`` without ``.py``
    (e.g. "inkomster/jobbstimulans"); a variable from elsewhere (a reform) by its module's name."""
    from openfisca_sweden_bistand import VARIABELKATALOG

    kalla = Path(inspect.getsourcefile(type(variabel)) or "").resolve()
    try:
        return kalla.relative_to(VARIABELKATALOG.resolve()).with_suffix("").as_posix()
    except ValueError:
        return kalla.stem
