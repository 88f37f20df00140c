"""The benefit codes of the register answers and the income each is compared with (``formankoder.yaml``).

A payment in an SSBTEK answer names its benefit by a code: Försäkringskassan's and Pensionsmyndigheten's
benefit groups (``FK:SJP``, ``PM:AP``; LEFI v9), and this package's own codes for the a-kassor's and CSN's
payments (``SO:ARBETSLOSHETSERSATTNING``, ``CSN:STUDIEMEDEL``). The table says, for each code and period:

- ``jamfor``: the payment is an income of the type ``variabel`` and is compared with what was declared;
- ``ej_raknad``: the payment is not counted as income (merkostnadsersättning …): shown, not compared;
- ``handlaggare``: counting it needs a caseworker's judgement (part counted, or no income type fits).

A code the table does not know on the payment's day goes to a caseworker, named. Every row carries where its
meaning was read (``kalla``) and a ``konfidens``, as the parameters do.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

from openfisca_sweden_bistand.regelstod.paketfiler import las_paketfil
from openfisca_sweden_bistand.regelstod.parametrar import KONFIDENSNIVAER

JAMFOR, EJ_RAKNAD, HANDLAGGARE = "jamfor", "ej_raknad", "handlaggare"
BEHANDLINGAR = (JAMFOR, EJ_RAKNAD, HANDLAGGARE)
_NYCKLAR = {"kod", "myndighet", "betydelse", "behandling", "variabel", "fran", "till", "kalla", "konfidens",
            "anmarkning"}


@dataclass(frozen=True)
class Formankod:
    """One row of the table: a code, in force from ``fran`` to ``till`` (inclusive; None = open)."""

    kod: str
    myndighet: str
    betydelse: str
    behandling: str
    variabel: str | None
    fran: datetime.date
    till: datetime.date | None
    kalla: str
    konfidens: str
    anmarkning: str = ""

    def galler(self, dag: datetime.date) -> bool:
        return self.fran <= dag and (self.till is None or dag <= self.till)


def _rad(data: dict[str, Any], nummer: int) -> Formankod:
    if not isinstance(data, dict) or (okanda := set(data) - _NYCKLAR):
        raise ValueError(f"formankoder.yaml rad {nummer}: okända nycklar {sorted(okanda) if data else data}")
    falt: dict[str, Any] = {nyckel: data.get(nyckel) for nyckel in _NYCKLAR}
    rad = Formankod(**falt | {"anmarkning": falt["anmarkning"] or ""})
    if rad.behandling not in BEHANDLINGAR or (rad.behandling == JAMFOR) != bool(rad.variabel):
        raise ValueError(f"formankoder.yaml {rad.kod}: behandling {rad.behandling!r} med variabel {rad.variabel!r}")
    if rad.konfidens not in KONFIDENSNIVAER or not rad.kalla or not isinstance(rad.fran, datetime.date):
        raise ValueError(f"formankoder.yaml {rad.kod}: konfidens, kalla och fran krävs")
    return rad


@functools.cache
def tabell() -> tuple[Formankod, ...]:
    """Every row of ``formankoder.yaml``, checked."""
    text = resources.files("openfisca_sweden_bistand.kontroll").joinpath("formankoder.yaml").read_text("utf-8")
    return tuple(_rad(data, nummer) for nummer, data in enumerate(las_paketfil(text)["koder"], 1))


@functools.cache
def _per_kod() -> dict[str, tuple[Formankod, ...]]:
    """The rows of each code, in table order (a payment's code is looked up once per payment)."""
    ut: dict[str, list[Formankod]] = {}
    for rad in tabell():
        ut.setdefault(rad.kod, []).append(rad)
    return {kod: tuple(rader) for kod, rader in ut.items()}


def formankod(kod: str, dag: datetime.date) -> Formankod | None:
    """The row for ``kod`` in force on ``dag`` (the payment's day), or None when the table does not know it."""
    return next((rad for rad in _per_kod().get(kod, ()) if rad.galler(dag)), None)


@functools.lru_cache(maxsize=64)
def _registervariabler(dag: datetime.date) -> tuple[tuple[str, tuple[str, ...]], ...]:
    ut: dict[str, dict[str, None]] = {}
    for rad in tabell():
        if rad.behandling == JAMFOR and rad.variabel and rad.galler(dag):
            ut.setdefault(rad.variabel, {})[rad.myndighet] = None
    return tuple((variabel, tuple(myndigheter)) for variabel, myndigheter in ut.items())


def registervariabler(dag: datetime.date) -> dict[str, tuple[str, ...]]:
    """Each income variable a register reports on ``dag``, with the agencies that pay it (in table order)."""
    return dict(_registervariabler(dag))
