"""Bidragstak 2027 (benefit cap): the proposal in "Reformerat försörjningsstöd – bidragstak och ökade
möjligheter till arbete" (lagrådsremiss, December 2025; in force 1 January 2027 as proposed).

Of its three parts, the model implements:

1. **A limit for large households**: from the fourth child, the child's norm amount is reduced by
   75 % for cohabiting parents (sambor) and by 40 % for a single parent. Source: news reports of
   the government's announcement of 17 September 2025
   (https://nyheter24.se/nyheter/inrikes/1419993-barnfamiljer-kan-fa-8000-mindre-i-manaden-2027,
   https://www.marsta.nu/startsidan/farre-familjer-i-sigtuna-berors-av-sankta-socialbidrag/; the
   lagrådsremiss in GitHub civictechsweden/g0vse, rattsliga-dokument/lagradsremiss/2025/12/
   reformerat-forsorjningsstod--bidragstak-och-okade-mojligheter-till-arbete.md): **not read in the legal
   text**. Which children count
   as the fourth and later is not stated in the sources read: the model counts children by age,
   oldest first, so the reduction falls on the youngest. The phasing-in during 2027 is not modelled.
2. **The riksnorm as a ceiling** (no municipal top-ups above the norm): a municipality's supplement to the norm
   (the open term ``riktlinjer.tillagg_per_barn``, e.g. Sundsvall's 100 kr per child) ends from 2027-01-01.
3. **A modernised, stricter norm** (SCB's jämförelsetal): the new amounts are not known. The
   argument ``normandring`` (a share, e.g. -0.05) applies a uniform change to every riksnorm item
   from 2027 as a stand-in; 0 by default.

The government's example (typfall) for comparison: a couple with five children from 46 500 to
38 500 kr a month in total benefits.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core import periods
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Person
from openfisca_sweden_bistand.reforms._verktyg import Reform, baslinjens_formel
from openfisca_sweden_bistand.regelstod.avrundning import hela_kronor
from openfisca_sweden_bistand.regelstod.parametrar import lov
from openfisca_sweden_bistand.text import procent

IKRAFT = "2027-01-01"
# Förslag: lagrådsremiss december 2025, "Reformerat försörjningsstöd – bidragstak och ökade möjligheter
# till arbete" (ej lag). Its figures: parameters/reformer/bidragstak.yaml.
REFERENS = "https://www.regeringen.se/rattsliga-dokument/lagradsremiss/2025/12/"


class barnets_ordningsnummer(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Barnets ordningsnummer i hushållet, äldst först (0 för vuxna)"
    reference = [REFERENS]

    def formula(person: Any, period: Any) -> Any:
        barn = person("barn_som_ska_forsorjas", period)
        alder = person("alder", period)
        hushall = person.hushall.members_entity_id
        index = np.arange(person.count)
        # Sort by household, children first, oldest first, then input order.
        ordning = np.lexsort((index, -alder, ~barn, hushall))
        sorterad_grupp = hushall[ordning] * 2 + (~barn[ordning]).astype(int)
        ny_grupp = np.r_[True, sorterad_grupp[1:] != sorterad_grupp[:-1]]
        gruppstart = np.maximum.accumulate(np.where(ny_grupp, np.arange(len(ordning)), 0))
        rang = np.empty(person.count, dtype=int)
        rang[ordning] = np.arange(len(ordning)) - gruppstart + 1
        return np.where(barn, rang, 0)


def bidragstak(normandring: float = 0.0) -> type[Reform]:
    """The Bidragstak 2027 reform; ``normandring`` stands in for the new norm (a share, 0 = unchanged)."""

    class Bidragstak2027(Reform):
        name = "Bidragstak 2027" + (f" (riksnorm {'+' if normandring > 0 else ''}{procent(normandring)})"
                                    if normandring else "")
        i_kraft_fran = IKRAFT

        def apply(self) -> None:
            def parametrar(p: Any) -> Any:
                # The proposal's figures are in the parameter tree (parameters/reformer/bidragstak.yaml); the reform
                # puts them in force.
                p.reformer.bidragstak.i_kraft.update(start=periods.instant(IKRAFT), value=True)
                # The riksnorm as a ceiling: no municipal supplement to the norm (a municipality's guidelines end).
                p.riktlinjer.tillagg_per_barn.update(start=periods.instant(IKRAFT), value=0)
                if normandring:
                    fran = periods.instant(IKRAFT)
                    for parameter in lov(p.riksnorm):
                        if parameter.name.startswith("riksnorm.officiella_totalbelopp"):
                            continue
                        ny = round(parameter(fran) * (1 + normandring), -1)
                        parameter.update(start=fran, value=ny)
                return p

            self.modify_parameters(modifier_function=parametrar)
            self.add_variable(barnets_ordningsnummer)
            baslinje = self.baseline.variables["riksnorm_personliga_kostnader"]

            class riksnorm_personliga_kostnader(type(baslinje)):  # type: ignore[misc]
                def formula_2027_01(person: Any, period: Any, parameters: Any) -> Any:
                    belopp = baslinjens_formel(baslinje, person, period, parameters)
                    p = parameters(period).reformer.bidragstak
                    if not p.i_kraft:
                        return belopp
                    sambor = person.hushall("sambor", period)
                    andel = np.where(sambor, p.nedsattning_sambor, p.nedsattning_ensamstaende)
                    berors = person("barnets_ordningsnummer", period) >= p.fran_barn
                    return np.where(berors, hela_kronor(belopp * (1 - andel)), belopp)

            self.update_variable(riksnorm_personliga_kostnader)

    return Bidragstak2027


# The reform as proposed (no change to the norm itself), for YAML tests and the web API:
Bidragstak2027 = bidragstak()
