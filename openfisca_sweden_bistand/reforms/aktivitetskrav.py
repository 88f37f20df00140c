"""Aktivitetskrav (activity requirement): the proposal in the lagrådsremiss "Aktivitetskrav för
mottagare av försörjningsstöd" (December 2025): in force 1 July 2026 as proposed, first applied
to försörjningsstöd for October 2026 (regeringen.se; public copy in GitHub civictechsweden/g0vse,
rattsliga-dokument/lagradsremiss/2025/12/aktivitetskrav-for-mottagare-av-forsorjningsstod.md). Not law
in the sources read.

Who has received försörjningsstöd for at least three months in a row must take part in activities
(full time as the normal case). Exempt: people under 18; 18–20-year-olds in school; people with
full-time occupation; people at the pension reference age (riktålder); people receiving sickness
benefit or similar. A refusal without acceptable reason means that the nämnd shall refuse or
reduce further försörjningsstöd.

The model: the input ``vagrar_aktivitet`` (a refusal without acceptable reason, per person and
month; a scenario sets it for a share of recipients) reduces the household's försörjningsstöd by
``nedsattning`` (1.0 = refused entirely) when a person subject to the requirement refuses. The
riktålder (67 for 2026 by the pension rules, not re-read here) is an argument.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Person
from openfisca_sweden_bistand.reforms._verktyg import Reform, baslinjens_formel
from openfisca_sweden_bistand.regelstod.avrundning import hela_kronor
from openfisca_sweden_bistand.regelstod.villkor import med_stod_i_folj
from openfisca_sweden_bistand.text import procent

# Förslag: lagrådsremiss december 2025, "Aktivitetskrav för mottagare av försörjningsstöd" (ej lag).
REFERENS = "https://www.regeringen.se/rattsliga-dokument/lagradsremiss/2025/12/"


class vagrar_aktivitet(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Personen har utan godtagbart skäl avböjt anvisad aktivitet (aktivitetskrav)"
    reference = [REFERENS]


class omfattas_av_aktivitetskrav(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Personen omfattas av aktivitetskravet (vuxen, tre månader i följd med stöd, inte undantagen)"
    reference = [REFERENS]

    def formula(person: Any, period: Any) -> Any:
        alder = person("alder", period)
        tre_manader = med_stod_i_folj(person, period, 3)
        undantagen = (
            (alder < 18)
            + (alder <= 20) * person("skolungdom", period)
            + (alder >= person.simulation.tax_benefit_system.aktivitetskrav_riktalder)
            + (person("sjukpenning", period) > 0)
            + np.logical_not(person("kan_arbeta", period))
        )
        return person("ar_vuxen", period) * tre_manader * np.logical_not(undantagen)


def aktivitetskrav(nedsattning: float = 1.0, riktalder: int = 67, fran: str = "2026-10") -> type[Reform]:
    """A reform class: refusing an assigned activity reduces försörjningsstöd by ``nedsattning``."""

    class Aktivitetskrav(Reform):
        name = f"Aktivitetskrav från {fran} (nedsättning {procent(nedsattning, 0)} vid vägran)"
        i_kraft_fran = f"{fran}-01" if len(fran) == 7 else fran

        def apply(self) -> None:
            self.aktivitetskrav_riktalder = riktalder
            self.add_variable(vagrar_aktivitet)
            self.add_variable(omfattas_av_aktivitetskrav)
            baslinje = self.baseline.variables["forsorjningsstod"]
            ar, manad = (int(x) for x in fran.split("-")[:2])

            def efter_aktivitetskrav(hushall: Any, period: Any, parameters: Any) -> Any:
                belopp = baslinjens_formel(baslinje, hushall, period, parameters)
                if (period.start.year, period.start.month) < (ar, manad):
                    return belopp
                vagrar = hushall.any(
                    hushall.members("vagrar_aktivitet", period) * hushall.members("omfattas_av_aktivitetskrav", period)
                )
                return np.where(vagrar, hela_kronor(belopp * (1 - nedsattning)), belopp)

            forsorjningsstod = type("forsorjningsstod", (type(baslinje),), {"formula": efter_aktivitetskrav})
            self.update_variable(forsorjningsstod)

    return Aktivitetskrav


# Examples with fixed arguments, for YAML tests:
AktivitetskravNekas = aktivitetskrav(1.0)
AktivitetskravHalveras = aktivitetskrav(0.5)
