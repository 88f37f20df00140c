"""The nämnd's policy choices (*riktlinjer*): the open terms the law leaves to a municipality, and the choices that are
a named word, not a number, each checked against its values.

OPPNA_TERMER lists the open terms (parameter paths: a whole subtree, or one parameter). The national defaults are in
``parameters/``; a municipality's extension (``openfisca_sweden_bistand/kommuner/<id>/``) may set these and nothing
else. A string parameter is read through ``val``: a value that is not one of the choices stops the calculation with
the parameter named, so a typo in a municipality's YAML can never decide a case.
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

# The open terms, with the guideline section a municipality decides them in (Swedish, for the skeleton and the guide).
OPPNA_TERMER: dict[str, str] = {
    "riktlinjer.boendekostnad_tak": "Boendekostnad: högsta godtagbara boendekostnad per hushållsstorlek",
    "riktlinjer.tillagg_per_barn": "Kommunalt tillägg till riksnormen per barn",
    "riktlinjer.livsforing": "Livsföring i övrigt: belopp som beviljas utan särskild bedömning",
    "automatisering": "Delegationsordning: vad den automatiserade beslutsfunktionen får besluta, och gränserna",
    "kontroll": "Återansökan: kontrollen mot registren (tolerans, kontrollmånad, gränser)",
    "avrundning": "Avrundning av beloppet",
    "del_av_manad": "Bistånd för del av månad",
    "inkomster.barns_arbetsinkomst.overskjutande_del": "Barns och skolungdomars arbetsinkomst över gränsen",
}


def ar_oppen_term(stig: str) -> bool:
    """True when the parameter at the dotted path ``stig`` is an open term or lies in one."""
    return any(stig == term or stig.startswith(f"{term}.") for term in OPPNA_TERMER)


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


# The rows of riktlinjer.boendekostnad_tak, by index (variables/skaliga_kostnader.py, boendekostnad_tak_rad): one
# adult or two without children, then a household with 1 … 5 children; beyond five, per_ytterligare_barn is added.
BOENDEKOSTNAD_TAK_RADER = ("vuxen_1", "vuxna_2", "barn_1", "barn_2", "barn_3", "barn_4", "barn_5")
STORSTA_BARNRAD = 5
