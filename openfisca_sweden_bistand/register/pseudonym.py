"""Pseudonyms: the register keeps what a decision needs, not who it is about.

Person ids become person1, person2, … and the household id hushall1, in the stored case and in the
stored copy of the decision; the caller's own case reference links the entry to the case file.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from openfisca_sweden_bistand.arende.kallor import som_indata
from openfisca_sweden_bistand.arende.las import SATTS_AV_BESLUTSFUNKTIONEN, Arende

HUSHALL = "hushall1"


@dataclass(frozen=True)
class Pseudonymer:
    """Each id of the case and its pseudonym."""

    personer: dict[str, str]
    hushallen: dict[str, str]


def pseudonymer(arende: Arende) -> Pseudonymer:
    personer = {pid: f"person{i}" for i, pid in enumerate(arende.situation["personer"], start=1)}
    return Pseudonymer(personer=personer, hushallen={arende.hushall_id: HUSHALL})


def pseudonymisera(arende: Arende) -> Arende:
    """The case with person and household ids replaced by person1…, hushall1 (the facts are kept)."""
    nya = pseudonymer(arende).personer
    hushall = copy.deepcopy(arende.hushall())
    for roll in ("vuxna", "barnen"):
        if roll in hushall:
            hushall[roll] = [nya[p] for p in hushall[roll]]
    personer = {nya[p]: copy.deepcopy(v) for p, v in arende.situation["personer"].items()}
    angivna = {nya.get(k, HUSHALL if k == arende.hushall_id else k): set(v) for k, v in arende.angivna.items()}
    namn = pseudonymer(arende)
    kallor = {_pseudonymt_falt(falt, namn): kalla for falt, kalla in arende.kallor.items()}
    return Arende(period=arende.period, situation={"personer": personer, "hushallen": {HUSHALL: hushall}},
                  hushall_id=HUSHALL, angivna=angivna, beslutsdatum=arende.beslutsdatum, kallor=kallor)


def pseudonymt_beslut(beslut: dict[str, Any], arende: Arende) -> dict[str, Any]:
    """A copy of the decision JSON (``Beslut.som_dict``) on ``arende`` with every id of the case
    replaced as ``pseudonymisera`` replaces it: the decision on the pseudonymised case."""
    namn = pseudonymer(arende)
    kopia = copy.deepcopy(beslut)
    kopia["hushall"] = namn.hushallen.get(kopia["hushall"], kopia["hushall"])
    for rad in kopia["rader"]:
        if rad["person"] is not None:
            pseudonym = namn.personer[rad["person"]]
            rad["post"] = pseudonym + rad["post"].removeprefix(rad["person"])  # "<person>: …"
            rad["person"] = pseudonym
    for nyckel in ("saknade_uppgifter", "uppgifter_utanfor_manaden"):
        kopia[nyckel] = [_pseudonymt_falt(falt, namn) for falt in kopia[nyckel]]
    for uppgift in kopia["uppgifter_utan_kontroll"]:
        uppgift["falt"] = _pseudonymt_falt(uppgift["falt"], namn)
    for post in (*kopia.get("kontroller", ()), *kopia.get("registersvar", ())):
        if post["person"] is not None:
            post["person"] = namn.personer[post["person"]]
    return kopia


def pseudonym_kontroll(kontroll: dict[str, Any], arende: Arende) -> dict[str, Any]:
    """The recorded register check (``Registerkontroll.som_dict``) with the ids replaced as in the stored case."""
    namn = pseudonymer(arende)
    kopia = copy.deepcopy(kontroll)
    for post in (*kopia["kontroller"], *kopia["svar"]):
        if post["person"] is not None:
            post["person"] = namn.personer[post["person"]]
    for nyckel in ("fakta", "kallor"):
        kopia[nyckel] = {_pseudonymt_falt(falt, namn): varde for falt, varde in kopia[nyckel].items()}
    return kopia


def pseudonym_historik(historik: dict[str, Any], arende: Arende) -> dict[str, Any]:
    """What the register knew (``Registerhistorik.som_dict``) with its fields named as in the stored case."""
    namn = pseudonymer(arende)
    return {**historik, **{nyckel: [_pseudonymt_falt(falt, namn) for falt in historik.get(nyckel, [])]
                           for nyckel in ("fran_registret", "oforandrade")}}


def _pseudonymt_falt(falt: str, namn: Pseudonymer) -> str:
    """``personer.<id>.…`` or ``hushallen.<id>.…`` with the pseudonym (an id may itself hold dots)."""
    grupp, _, rest = falt.partition(".")
    ids = namn.personer if grupp == "personer" else namn.hushallen
    traff = max((i for i in ids if rest.startswith(i + ".")), key=len, default=None)
    if traff is None:
        return falt
    return f"{grupp}.{ids[traff]}{rest[len(traff):]}"


def som_arendedata(arende: Arende) -> dict[str, Any]:
    """A case as JSON (values keyed by month), as ``las_arende`` reads it (the decision date at the top).
    The facts the decision function sets are left out: the reader refuses them, and the register
    stores them beside the case."""
    situation = copy.deepcopy(arende.situation)
    for hushall in situation.get("hushallen", {}).values():
        for namn in ("beslutsdatum", *SATTS_AV_BESLUTSFUNKTIONEN):
            hushall.pop(namn, None)
    datum = arende.beslutsdatum
    kallor = som_indata(arende.kallor)
    return {"period": arende.period, **({"beslutsdatum": datum} if datum else {}),
            **({"kommun": arende.kommun} if arende.kommun else {}), **situation,
            **({"kallor": kallor} if kallor else {})}
