"""The riksnorm's groups of persons (SoF 2001:937 2 kap. 1 §) and the parameter each one reads.

Shared by the riksnorm variables and by everything that explains a calculation, so that the
amount and the figure cited for it always come from the same parameter.
"""

from typing import Any

from openfisca_core.indexed_enums import Enum


class RiksnormGrupp(Enum):
    barn_under_1_ar = "Barn under 1 år"
    barn_1_2_ar = "Barn 1–2 år"
    barn_3_ar = "Barn 3 år"
    barn_4_6_ar = "Barn 4–6 år"
    barn_7_10_ar = "Barn 7–10 år"
    barn_11_14_ar = "Barn 11–14 år"
    barn_15_18_ar = "Barn och skolungdom 15–18 år"
    skolungdom_19_20_ar = "Hemmavarande skolungdom 19–20 år"
    vuxen_ensamstaende = "Vuxen, ensamstående"
    vuxen_sambo = "Vuxen, sambo (hälften av sambornas gemensamma belopp)"
    ej_hushallsmedlem = "Hör inte till hushållet som barn (över försörjningsplikten): ingen norm, manuell prövning"


# Children's age groups: (group, the age it ends before, parameter key, has a lunch variant).
BARNGRUPPER = (
    (RiksnormGrupp.barn_under_1_ar, 1, "under_1_ar", True),
    (RiksnormGrupp.barn_1_2_ar, 3, "ar_1_2", True),
    (RiksnormGrupp.barn_3_ar, 4, "ar_3", True),
    (RiksnormGrupp.barn_4_6_ar, 7, "ar_4_6", True),
    (RiksnormGrupp.barn_7_10_ar, 11, "ar_7_10", False),
    (RiksnormGrupp.barn_11_14_ar, 15, "ar_11_14", False),
    (RiksnormGrupp.barn_15_18_ar, 19, "ar_15_18", False),
    (RiksnormGrupp.skolungdom_19_20_ar, None, "ar_19_20", False),
)


def _namn(medlem: Any) -> str:
    """The name of an Enum member (OpenFisca's Enum is untyped for mypy)."""
    return str(medlem.name)


def parameterstig(grupp: str, lunch_utanfor_hemmet: bool) -> str | None:
    """The riksnorm parameter (dotted path) a person of ``grupp`` (the Enum member's name) uses, if any."""
    if grupp == _namn(RiksnormGrupp.ej_hushallsmedlem):
        return None
    if grupp == _namn(RiksnormGrupp.vuxen_sambo):
        return "riksnorm.vuxna.sambor"
    if grupp == _namn(RiksnormGrupp.vuxen_ensamstaende):
        return "riksnorm.vuxna.ensamstaende"
    for medlem, _, nyckel, har_lunchvariant in BARNGRUPPER:
        if _namn(medlem) == grupp:
            nod = "barn_lunch_utanfor_hemmet" if har_lunchvariant and lunch_utanfor_hemmet else "barn"
            return f"riksnorm.{nod}.{nyckel}"
    raise KeyError(f"okänd riksnormgrupp {grupp!r}")
