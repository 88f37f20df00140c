"""The nämnd's policy choices (*riktlinjer*) that are a named choice, not a number, each checked against its values.

A string parameter is read through ``val``: a value that is not one of the choices stops the calculation with the
parameter named, so a typo in a municipality's YAML can never decide a case.
"""

from __future__ import annotations

from typing import Any

# inkomster.barns_arbetsinkomst.overskjutande_del: a child's own work income above the yearly limit (SoL 2001:453
# 4 kap. 1 a § / SoL 2025:400 12 kap. 9 § tredje stycket, "får"): a caseworker decides (the default), it is never
# counted, or it is always counted (legally doubtful: "får" calls for an individual assessment).
OVERSKJUTANDE_DEL_HANDLAGGARE = "handlaggare"
OVERSKJUTANDE_DEL_RAKNAS_INTE = "raknas_inte"
OVERSKJUTANDE_DEL_RAKNAS = "raknas"

# del_av_manad.dagar_per_manad: what a day is worth when costs are computed for part of a month (no national rule):
# 1 / the month's calendar days (the default), or 1/30 for every month.
DAGAR_PER_MANAD_KALENDERDAGAR = "kalenderdagar"
DAGAR_PER_MANAD_30 = "30"

VAL: dict[str, tuple[str, ...]] = {
    "del_av_manad.dagar_per_manad": (DAGAR_PER_MANAD_KALENDERDAGAR, DAGAR_PER_MANAD_30),
    "inkomster.barns_arbetsinkomst.overskjutande_del": (
        OVERSKJUTANDE_DEL_HANDLAGGARE, OVERSKJUTANDE_DEL_RAKNAS_INTE, OVERSKJUTANDE_DEL_RAKNAS),
}


def val(parameters: Any, period: Any, stig: str) -> str:
    """The choice in force for ``period`` of the policy parameter at the dotted path ``stig``, checked."""
    nod = parameters(period)
    for del_ in stig.split("."):
        nod = getattr(nod, del_)
    if nod not in VAL[stig]:
        raise ValueError(f"{stig}: {nod!r} är inte ett av värdena {', '.join(VAL[stig])}")
    return str(nod)
