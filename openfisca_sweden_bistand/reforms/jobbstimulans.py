"""Jobbstimulans changed or removed (SoL 2001:453 4 kap. 1 b § / 2025:400 12 kap. 8 §), for scenarios.

``jobbstimulans(andel=0.5, varaktighet_manader=12, fran="2027-01-01")`` changes the share of income
from employment that is not counted and how long the rule applies; ``jobbstimulans(andel=0)``
removes the rule. The six months in a row before the rule applies are kept.
"""

from __future__ import annotations

from typing import Any

from openfisca_core import periods

from openfisca_sweden_bistand.reforms._verktyg import Reform
from openfisca_sweden_bistand.text import procent


def jobbstimulans(andel: float = 0.25, varaktighet_manader: int = 24, fran: str = "2027-01-01") -> type[Reform]:
    start = periods.instant(fran)
    namn = "Ingen jobbstimulans" if andel == 0 else f"Jobbstimulans {procent(andel, 0)} i {varaktighet_manader} månader"

    class Jobbstimulans(Reform):
        name = f"{namn} från {fran}"
        i_kraft_fran = fran

        def apply(self) -> None:
            def andra(parametrar: Any) -> Any:
                p = parametrar.inkomster.jobbstimulans
                for parameter, varde in ((p.andel, andel), (p.varaktighet_manader, varaktighet_manader)):
                    parameter.update(start=start, value=varde)
                    parameter.values_list[0].metadata.update({
                        "reference": f"Scenario: {namn} från {fran} (ej lag)", "konfidens": "provisional",
                        "kalla": "openfisca_sweden_bistand.reforms.jobbstimulans"})
                return parametrar

            self.modify_parameters(modifier_function=andra)

    return Jobbstimulans


# Examples with fixed arguments, for YAML tests:
IngenJobbstimulans2027 = jobbstimulans(0, fran="2027-01-01")
Jobbstimulans50Procent12Manader2027 = jobbstimulans(0.5, 12, "2027-01-01")
