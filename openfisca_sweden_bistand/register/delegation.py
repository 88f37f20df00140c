"""The nämnd's delegation to the automated decision function (kommunallagen 6 kap.).

An automated decision needs a delegation valid on the day it is made. Which delegation was in force
is an input to the rules (``delegation_galler``, reason ``skal_ingen_delegation``), set here by the
register from the municipality's delegation file; without a register, the automation parameters
stand for the delegation.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from openfisca_sweden_bistand.arende.las import Arende
from openfisca_sweden_bistand.register.fel import RegisterFel


@dataclass(frozen=True)
class Delegation:
    """A nämnd's decision to delegate decisions to the automated decision function."""

    fran: datetime.date
    till: datetime.date | None
    namnd: str
    beslut: str  # the nämnd's decision, e.g. "SN 2022-08-24 § 87"
    omfattning: str = ""

    def galler(self, dag: datetime.date) -> bool:
        return self.fran <= dag and (self.till is None or dag <= self.till)

    def som_dict(self) -> dict[str, Any]:
        return {"fran": self.fran.isoformat(), "till": self.till.isoformat() if self.till else None,
                "namnd": self.namnd, "beslut": self.beslut, "omfattning": self.omfattning}


def las_delegationer(fil: str | Path) -> list[Delegation]:
    """Read the municipality's delegations (YAML: ``delegationer: [{fran, till, namnd, beslut, omfattning}]``)."""
    try:
        data = yaml.safe_load(Path(fil).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as fel:
        raise RegisterFel(f"kan inte läsa delegationsfilen {fil}: {fel}") from None
    poster = (data or {}).get("delegationer")
    if not isinstance(poster, list) or not poster:
        raise RegisterFel(f"{fil}: nyckeln delegationer ska vara en lista med minst en delegation")
    ut = []
    for i, post in enumerate(poster, start=1):
        try:
            ut.append(_delegation(post))
        except (KeyError, TypeError, ValueError) as fel:
            raise RegisterFel(f"{fil}: delegation {i}: saknar eller har fel värde för {fel}") from None
    return ut


def _delegation(post: dict[str, Any]) -> Delegation:
    return Delegation(fran=_datum(post["fran"]), till=_datum(post["till"]) if post.get("till") else None,
                      namnd=str(post["namnd"]), beslut=str(post["beslut"]), omfattning=str(post.get("omfattning", "")))


def _datum(varde: Any) -> datetime.date:
    return varde if isinstance(varde, datetime.date) else datetime.date.fromisoformat(str(varde))


def giltig_delegation(delegationer: list[Delegation], dag: datetime.date) -> Delegation | None:
    return next((d for d in delegationer if d.galler(dag)), None)


def med_delegation(arende: Arende, galler: bool) -> Arende:
    """The case with the fact the rules read: whether a delegation was in force on the decision day."""
    return arende.med_hushallsfakta({"delegation_galler": galler})
