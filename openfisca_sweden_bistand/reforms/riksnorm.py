"""A uniform uplift (or cut) of the riksnorm (riksnormsuppräkning), for what-if scenarios.

The government sets the norm each year by an uplift of every item (e.g. +8.7 % for 2024, +2.8 % for
2025, +0.7 % for 2026: https://www.regeringen.se/artiklar/2023/11/riksnorm-for-2024-faststalld/,
regeringen.se/pressmeddelanden/2024/11/hojt-forsorjningsstod-nar-riksnormen-raknas-upp/,
regeringen.se/artiklar/2025/11/riksnorm-for-2026-faststalld/), rounded to the
nearest 10 kr per item. ``riksnorm_upprakning(0.05, fran="2027-01-01")`` applies such an uplift to
every personal-cost and common-cost item in force on ``fran``.
"""

from __future__ import annotations

from typing import Any

from openfisca_core import periods

from openfisca_sweden_bistand.reforms._verktyg import Reform
from openfisca_sweden_bistand.regelstod.parametrar import lov
from openfisca_sweden_bistand.text import procent


def riksnorm_upprakning(andel: float, fran: str = "2027-01-01") -> type[Reform]:
    """A reform class: every riksnorm item × (1 + ``andel``) from ``fran``, rounded to 10 kr."""
    start = periods.instant(fran)

    class RiksnormUpprakning(Reform):
        name = f"Riksnorm {'+' if andel >= 0 else ''}{procent(andel)} från {fran}"
        i_kraft_fran = fran

        def apply(self) -> None:
            def andra(parametrar: Any) -> Any:
                for parameter in lov(parametrar.riksnorm):
                    if parameter.name.startswith("riksnorm.officiella_totalbelopp"):
                        continue
                    nytt = round(parameter(start) * (1 + andel), -1)
                    parameter.update(start=start, value=nytt)
                    parameter.values_list[0].metadata.update({
                        "reference": f"Scenario: riksnormen {andel:+.1%} från {fran} (ej lag)",
                        "konfidens": "provisional",
                        "kalla": "openfisca_sweden_bistand.reforms.riksnorm",
                    })
                return parametrar

            self.modify_parameters(modifier_function=andra)

    return RiksnormUpprakning


# Examples with fixed arguments, for YAML tests (reforms: openfisca_sweden_bistand.reforms.riksnorm.<name>):
RiksnormPlus5Procent2027 = riksnorm_upprakning(0.05, "2027-01-01")
