"""The same case under two sets of rules, side by side: line by line, with what differs marked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from openfisca_sweden_bistand.arende.las import Arende
from openfisca_sweden_bistand.forklaring.beslut import Beslut, fatta_beslut
from openfisca_sweden_bistand.kontroll.registersvar import Registersvar


def besluta(arende: Arende, system: Any, ssbtek: Mapping[str, Registersvar] | None) -> Beslut:
    """The case decided under a reform's ``system``, checked against the same SSBTEK answers as under the rules
    in force (none: not checked), so that the two columns differ by the rules alone."""
    return fatta_beslut(arende, system, ssbtek=ssbtek or None)


@dataclass
class Jamforelserad:
    """One line of the comparison: the line's text, and its amount before and after (None: no such line)."""

    variabel: str
    person: str | None
    post: str
    fore: int | float | None
    efter: int | float | None

    @property
    def skillnad(self) -> bool:
        return self.fore != self.efter


def _nyckel(rad: Any) -> tuple[str, str | None]:
    return rad.variabel, rad.person


def jamfor_rader(fore: Beslut, efter: Beslut) -> list[Jamforelserad]:
    """Every line of either calculation, matched by variable and person, in the baseline's order."""
    efter_rader = {_nyckel(r): r for r in efter.berakning.rader}
    ut = []
    for rad in fore.berakning.rader:
        motsvarande = efter_rader.pop(_nyckel(rad), None)
        ut.append(Jamforelserad(rad.variabel, rad.person, rad.post, rad.belopp,
                                None if motsvarande is None else motsvarande.belopp))
    ut += [Jamforelserad(r.variabel, r.person, r.post, None, r.belopp) for r in efter_rader.values()]
    return ut


def jamfor_summor(fore: Beslut, efter: Beslut) -> list[Jamforelserad]:
    """The parts of the amount and the amount itself, before and after."""
    summor = []
    for variabel, post in (("riksnorm", "Riksnorm"), ("skaliga_kostnader", "Skäliga kostnader"),
                           ("livsforing_i_ovrigt", "Livsföring i övrigt"),
                           ("raknade_inkomster", "Inkomster som räknas"),
                           ("forsorjningsstod", "Försörjningsstöd enligt reglerna"),
                           ("ekonomiskt_bistand", "Ekonomiskt bistånd enligt reglerna")):
        summor.append(Jamforelserad(variabel, None, post, getattr(fore.berakning, variabel),
                                    getattr(efter.berakning, variabel)))
    summor.append(Jamforelserad("beviljat_belopp", None, "Belopp", fore.belopp, efter.belopp))
    return summor


def skal_skillnad(fore: Beslut, efter: Beslut) -> tuple[list[str], list[str]]:
    """The reasons for manual review that only the reform gives, and those it takes away."""
    fore_skal = {s["skal"] for s in fore.skal_for_manuell_provning}
    efter_skal = {s["skal"] for s in efter.skal_for_manuell_provning}
    return sorted(efter_skal - fore_skal), sorted(fore_skal - efter_skal)
