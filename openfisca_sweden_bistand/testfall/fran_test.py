"""A YAML legal test case opened as a case (*ärende*) for the decision form.

``arende_fran_fall(fall)`` turns one case of ``tests/yaml`` into the JSON that ``bistand beslut`` and the
web page's form read (``arende/las.py``): the month at the top, a plain value for the case month, a
month-keyed object for any other month, the household's ``beslutsdatum`` moved to the top, roles kept.
The facts that only the decision function sets after its checks (``SATTS_AV_BESLUTSFUNKTIONEN``:
``uppgifter_kompletta`` ...) are left out, and named, so that the page can say what the decision will
compute itself. The result is not yet validated: ``las_arende`` does that, and names what it refuses.

A case that is not one household in one month, given per entity, cannot be a case: several households,
a period other than a month, or values as lists over entities raise ``ArendeFel`` saying why.
"""

from __future__ import annotations

import datetime
from typing import Any

from openfisca_sweden_bistand import kommuner
from openfisca_sweden_bistand.arende.las import ROLLER, SATTS_AV_BESLUTSFUNKTIONEN
from openfisca_sweden_bistand.arende.validering import HOGSTA_ANTAL_PERSONER, MANAD, ArendeFel

__all__ = ["arende_fran_fall"]

INTE_ETT_ARENDE = "testfallet kan inte öppnas som ett ärende: "


def _period(fall: dict[str, Any]) -> str:
    period = fall.get("period")
    if not isinstance(period, str) or not MANAD.fullmatch(period):
        raise ArendeFel("period", INTE_ETT_ARENDE + f"ett ärende gäller en månad (ÅÅÅÅ-MM), testfallet perioden "
                        f"{str(period)[:40]!r}")
    return period


def _enkelt(varde: Any, falt: str) -> Any:
    """A value as JSON has it: a date as ``YYYY-MM-DD``; a list over entities is no case's value."""
    if isinstance(varde, (datetime.date, datetime.datetime)):
        return varde.isoformat()[:10]
    if isinstance(varde, list):
        raise ArendeFel(falt, INTE_ETT_ARENDE + "värdet är en lista (ett värde per entitet); ett ärende anger "
                        "varje värde på sin person eller sitt hushåll")
    if isinstance(varde, dict):
        raise ArendeFel(falt, INTE_ETT_ARENDE + "ett värde per period kan inte vara en mappning")
    return varde


def _varde(varde: Any, period: str, falt: str) -> Any:
    """A plain value for the case month; the month-keyed object when other months are given too."""
    if not isinstance(varde, dict):
        return _enkelt(varde, falt)
    per_period = {(k.isoformat()[:7] if isinstance(k, datetime.date) else str(k)): _enkelt(v, f"{falt}.{k}")
                  for k, v in varde.items()}
    if list(per_period) == [period]:
        return per_period[period]
    return per_period


def _grupp(indata: dict[str, Any], nyckel: str) -> dict[str, Any]:
    grupp = indata.get(nyckel)
    if isinstance(grupp, list):
        raise ArendeFel(f"input.{nyckel}", INTE_ETT_ARENDE + "ska vara en mappning från id till värden, inte en lista")
    if not isinstance(grupp, dict) or not grupp:
        raise ArendeFel(f"input.{nyckel}", INTE_ETT_ARENDE + "ett ärende anger personer och hushallen var för sig")
    return grupp


def _roll(varde: Any, falt: str) -> list[str]:
    """A role's members as a list of ids (one id may stand alone); anything else names the field."""
    medlemmar = [varde] if isinstance(varde, str | int) and not isinstance(varde, bool) else varde
    if not isinstance(medlemmar, list) or not all(
            isinstance(m, str | int) and not isinstance(m, bool) for m in medlemmar):
        raise ArendeFel(falt, INTE_ETT_ARENDE + "en roll är en lista av personernas id")
    return [str(m) for m in medlemmar]


def _entitet(data: Any, falt: str, period: str, utelamnade: list[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ArendeFel(falt, INTE_ETT_ARENDE + "ska vara en mappning av variabler")
    ut: dict[str, Any] = {}
    for namn, varde in data.items():
        namn = str(namn)
        if namn in ROLLER:
            ut[namn] = _roll(varde, f"{falt}.{namn}")
        elif namn in SATTS_AV_BESLUTSFUNKTIONEN:
            utelamnade.append(f"{falt}.{namn}")
        else:
            ut[namn] = _varde(varde, period, f"{falt}.{namn}")
    return ut


def _flytta_beslutsdatum(arende: dict[str, Any], hushall: dict[str, Any], falt: str, utelamnade: list[str]) -> None:
    """The household's decision date for the month goes to the top, as a case gives it."""
    if "beslutsdatum" not in hushall:
        return
    dag = hushall.pop("beslutsdatum")
    if isinstance(dag, dict):  # given for other months only: nothing a case can say
        utelamnade.append(f"{falt}.beslutsdatum")
        return
    if dag is not None:
        arende["beslutsdatum"] = dag


def arende_fran_fall(fall: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The case JSON of a YAML test case, and the fields left out (dotted, as ``hushallen.h.uppgifter_kompletta``)."""
    if not isinstance(fall, dict) or not isinstance(fall.get("input"), dict):
        raise ArendeFel("input", INTE_ETT_ARENDE + "testfallet har ingen input")
    period = _period(fall)
    indata = fall["input"]
    okanda = sorted(str(k) for k in indata if k not in ("personer", "hushallen"))
    if okanda:
        raise ArendeFel(f"input.{okanda[0][:60]}", INTE_ETT_ARENDE + "ett ärende har bara personer och hushallen")
    personer, hushallen = _grupp(indata, "personer"), _grupp(indata, "hushallen")
    if len(hushallen) > 1:
        raise ArendeFel("input.hushallen", INTE_ETT_ARENDE + f"ett ärende gäller ett hushåll, testfallet har "
                        f"{len(hushallen)}")
    if len(personer) > HOGSTA_ANTAL_PERSONER:
        raise ArendeFel("input.personer", INTE_ETT_ARENDE + f"för många personer ({len(personer)}, högst "
                        f"{HOGSTA_ANTAL_PERSONER})")
    utelamnade: list[str] = []
    arende: dict[str, Any] = {"period": period}
    ut_personer = {str(pid): _entitet(p, f"personer.{pid}", period, utelamnade) for pid, p in personer.items()}
    ((hushall_id, hushall_data),) = hushallen.items()
    hushall = _entitet(hushall_data, f"hushallen.{hushall_id}", period, utelamnade)
    _flytta_beslutsdatum(arende, hushall, f"hushallen.{hushall_id}", utelamnade)
    try:
        kommun = kommuner.ur_tillagg(fall.get("extensions"))
    except kommuner.KommunFel as fel:
        raise ArendeFel("extensions", INTE_ETT_ARENDE + str(fel)) from None
    if kommun:
        arende["kommun"] = kommun
    arende["personer"] = ut_personer
    arende["hushallen"] = {str(hushall_id): hushall}
    return arende, utelamnade
