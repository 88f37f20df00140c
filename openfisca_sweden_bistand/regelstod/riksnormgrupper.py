"""The riksnorm's groups of persons and the parameter each one reads; the common costs by the size of the household.

SoF (2001:937) 2 kap. 1 § / SoF (2025:468) 12 kap. 2–3 §§. Shared by the riksnorm variables and by everything that
explains a calculation, so that the amount and the figure cited for it always come from the same parameter, and
the rule for more than seven persons is stated once (``gemensamma_vikter``).
"""

from typing import Any

import numpy as np
from openfisca_core.indexed_enums import Enum

GEMENSAMMA = "riksnorm.gemensamma_hushallskostnader"
STORSTA_TABELLRAD = 7  # the common-costs table has rows for 1–7 persons


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


def gemensamma_vikter(storlek: Any) -> dict[str, Any]:
    """The weight of each row of the common-costs table (``personer_1`` … ``personer_7``) in the common costs of
    ``storlek`` persons (a number or an array): 1 on the row of the size, and for more than seven persons
    "för varje ytterligare hushållsmedlem … skillnaden mellan hushåll med sex respektive sju personer"
    (SoF 2025:468 12 kap. 3 § första stycket; SoF 2001:937 2 kap. 1 §): 7 + n × (7 − 6) is 1 + n on the row
    for 7 and −n on the row for 6. The amount is the weighted sum of the rows; the rows read are those whose
    weight is not 0."""
    storlek = np.asarray(storlek)
    utover = np.maximum(0, storlek - STORSTA_TABELLRAD)
    rad = np.clip(storlek, 1, STORSTA_TABELLRAD)
    vikter = {f"personer_{n}": (rad == n).astype(int) for n in range(1, STORSTA_TABELLRAD + 1)}
    vikter[f"personer_{STORSTA_TABELLRAD}"] = vikter[f"personer_{STORSTA_TABELLRAD}"] + utover
    vikter[f"personer_{STORSTA_TABELLRAD - 1}"] = vikter[f"personer_{STORSTA_TABELLRAD - 1}"] - utover
    return vikter


def gemensamma_stigar(storlek: int) -> tuple[str, ...]:
    """The common-costs parameters (dotted paths) the costs of ``storlek`` persons are read from, the heaviest
    first: the table's row, or for more than seven persons the rows for 7 and 6."""
    vikter = {lov: int(v) for lov, v in gemensamma_vikter(storlek).items() if int(v) != 0}
    return tuple(f"{GEMENSAMMA}.{lov}" for lov in sorted(vikter, key=lambda lov: -abs(vikter[lov])))


def lov_vid_stig(rot: Any, stig: str) -> Any:
    """The node or value at the dotted path ``stig`` ("riksnorm.barn.ar_3") below the parameters' root ``rot``."""
    for del_ in stig.split("."):
        rot = getattr(rot, del_)
    return rot
