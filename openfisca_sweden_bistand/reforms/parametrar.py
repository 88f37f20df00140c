"""A reform given as parameter values, on the command line or in Python, not only as a class.

    from openfisca_sweden_bistand.reforms.parametrar import parameterreform
    Hogre = parameterreform({"riksnorm.vuxna.ensamstaende": 4200}, fran="2027-01-01")

    bistand scenario bidragstak_2027 --parameter riksnorm.vuxna.ensamstaende=4200 --fran 2027-01-01

Each value replaces the parameter's from ``fran`` on; it is a scenario's assumption, never law: its metadata says so
(konfidens provisional), so a decision under it names it among the values that are not official.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openfisca_core import periods
from openfisca_core.parameters import Parameter

from openfisca_sweden_bistand.reforms._verktyg import Reform
from openfisca_sweden_bistand.regelstod.parametrar import parameter


class Parameterfel(ValueError):
    """A parameter path that does not exist or is not one value, or a value of the wrong kind."""


def _kontrollera(system: Any, stig: str, varde: Any) -> None:
    try:
        nod = parameter(system.parameters, stig)
    except KeyError:
        raise Parameterfel(f"ingen parameter {stig!r}") from None
    if not isinstance(nod, Parameter):
        raise Parameterfel(f"{stig} är en grupp av parametrar; ange en av dem")
    nuvarande = nod.values_list[0].value
    if isinstance(nuvarande, bool) != isinstance(varde, bool) or isinstance(nuvarande, str) != isinstance(varde, str):
        raise Parameterfel(f"{stig}: värdet {varde!r} är inte av samma slag som {nuvarande!r}")


def parameterreform(varden: Mapping[str, Any], fran: str, namn: str | None = None) -> type[Reform]:
    """A reform class setting each parameter (dotted path → value) from the day ``fran`` (YYYY-MM-DD)."""
    from openfisca_sweden_bistand.system import skattesystem

    start = periods.instant(fran)
    for stig, varde in varden.items():
        _kontrollera(skattesystem(), stig, varde)
    beskrivning = ", ".join(f"{stig} = {varde}" for stig, varde in varden.items())

    class Parameterreform(Reform):
        name = namn or f"Egna parametervärden från {fran}: {beskrivning}"
        i_kraft_fran = fran

        def apply(self) -> None:
            def andra(parametrar: Any) -> Any:
                for stig, varde in varden.items():
                    nod = parameter(parametrar, stig)
                    nod.update(start=start, value=varde)
                    instant = str(start)
                    for v in nod.values_list:
                        if v.instant_str == instant:
                            v.metadata.update({"reference": f"Scenario: {beskrivning} (ej lag)",
                                               "konfidens": "provisional", "kalla": "scenariots antagande"})
                return parametrar

            self.modify_parameters(modifier_function=andra)

    return Parameterreform
