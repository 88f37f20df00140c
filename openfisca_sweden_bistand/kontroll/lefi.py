"""Försäkringskassan's and Pensionsmyndigheten's answer inside SSBTEK: the LEFI JSON (*LEFI-svaret*).

SSBTEK v10 carries Försäkringskassan's block as ``lefiJsonSvar``, base64 of LEFI's JSON answer
``LefiExternFormansinformationSvar`` (``Sundsvallskommun/api-service-financial-aid@a018355:src/main/
resources/contract/v10/se/forsakringskassan/schema/lefi/lefi-formansinformation-v9.openapi.yaml``).
``las_lefi`` reads it (strict JSON: ``arende.las.las_json``) into a ``Myndighetssvar`` for FK:

- ``utlamnare``: each provider's state (FK, PM: OK, FELANDE, OTILLGANGLIG); only OK providers contributed.
- ``avvikelser``: the benefit groups and information types LEFI could not deliver, with the reason
  (INTERNT_FEL, OBEHORIG). The schema makes it an object of lists by information class; LEFI's own example
  answer has an empty list, read as none.
- Försäkringskassan's payments (``formansinformation.utbetalningsuppgift`` effected,
  ``preliminarautbetalningar`` preliminary; ``LefiUtbetalningUppgift``): the net amount
  (``nettobelopp.summa``), the day (``datum``), the period (``period{fran, till}``, a month without a day
  standing for its first or last day), ``typ`` (0 lokal, 1 manad, 2 daglig, 3 retro, 4 presumtiv), paid by
  Pensionsmyndigheten when ``foretag`` is 1003, the benefit code from ``formansfamilj`` (``FK:SJP``).
- Pensionsmyndigheten's payments (``utbetalningar``, ``preliminaraUtbetalningar``;
  ``LefiPmFormanUtbetalning``): the net amount (``nettobelopp``), the day (``utbetalningsdatum``), the
  period (``utbetalningsperiod{from, tom}``) and the benefit group of its rows. A payment whose rows name
  several groups is kept whole as ``PM:FLERA``, described by the groups' names: its net amount cannot be
  split between them, so the comparison sends it to a caseworker.
- The identity in ``generellPersoninformation`` (the person's own; a child's or a relative's is not), only
  to check that the answer is about one person. Nothing else of it (name, address, civil status,
  citizenship, children) is read.

A payment without a benefit family or group has the code ``FK:OKAND`` or ``PM:OKAND``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from openfisca_sweden_bistand.arende.las import las_json
from openfisca_sweden_bistand.arende.validering import ArendeFel
from openfisca_sweden_bistand.kontroll.registersvar import PM, Myndighetssvar, Utbetalning
from openfisca_sweden_bistand.kontroll.svarsvarden import (
    FORSTA_DAG,
    HOGSTA_BELOPP,
    SISTA_DAG,
    Lasning,
    kontrollera_period,
    ren_text,
    som_dag,
    som_formankod,
    som_kalenderdag,
    som_tal,
)

__all__ = ["las_lefi"]

_LEFI_MANAD = re.compile(r"([0-9]{4})-([0-9]{2})")
_TILLSTANDSKOD = re.compile(r"[A-Z_]{1,30}")  # a provider, its state, a deviation
_LEFI_TYPER = {0: "lokal", 1: "manad", 2: "daglig", 3: "retro", 4: "presumtiv"}
_PENSIONSMYNDIGHETEN = 1003  # LefiUtbetalningUppgift.foretag: 1001 Försäkringskassan, 1003 Pensionsmyndigheten
_AVVIKELSEKLASSER = ("formansinformation", "ansprak", "beslut", "preliminaraUtbetalningar", "utbetalningar",
                     "ovrigInformation")


def _lefi_dag(text: str, falt: str, sista: bool) -> datetime.date:
    """A LEFI date, which may be a month without a day (``2022-09``): its first day, or with ``sista`` its last."""
    traff = _LEFI_MANAD.fullmatch(text)
    if not traff:
        return som_dag(text, falt)
    ar, manad = traff.groups()
    forsta = som_kalenderdag(ar, manad, "01", falt, FORSTA_DAG)
    if not sista:
        return forsta
    nasta = (forsta.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return min(nasta - datetime.timedelta(days=1), SISTA_DAG)


def _objekt(varde: Any, falt: str, kravs: bool = False) -> dict[str, Any]:
    if varde is None and not kravs:
        return {}
    if not isinstance(varde, dict):
        raise ArendeFel(falt, "saknas" if varde is None else "ska vara ett objekt")
    return varde


def _lista(varde: Any, falt: str) -> list[Any]:
    if varde is None:
        return []
    if not isinstance(varde, list):
        raise ArendeFel(falt, "ska vara en lista")
    return varde


def _jtext(varde: Any, falt: str) -> str | None:
    if varde is None:
        return None
    if not isinstance(varde, str):
        raise ArendeFel(falt, "ska vara en text")
    return varde


def _jkrav(varde: Any, falt: str) -> str:
    text = _jtext(varde, falt)
    if not text:
        raise ArendeFel(falt, "saknas")
    return text


def _jheltal(varde: Any, falt: str) -> int | None:
    if varde is None:
        return None
    if isinstance(varde, bool) or not isinstance(varde, int):
        raise ArendeFel(falt, "ska vara ett heltal")
    return varde


def _jbelopp(varde: Any, falt: str) -> float:
    if varde is None:
        raise ArendeFel(falt, "saknas")
    if isinstance(varde, bool) or not isinstance(varde, (int, float)):
        raise ArendeFel(falt, "ska vara ett tal")
    if isinstance(varde, int) and abs(varde) > HOGSTA_BELOPP:  # before float(): an int may have 4 000 digits
        raise ArendeFel(falt, f"orimligt belopp (högst {HOGSTA_BELOPP} kr)")
    return som_tal(float(varde), falt, HOGSTA_BELOPP)


Period = tuple[datetime.date | None, datetime.date | None]


def _jperiod(varde: Any, falt: str, fran_namn: str, till_namn: str) -> Period:
    period = _objekt(varde, falt)
    fran_text = _jtext(period.get(fran_namn), f"{falt}.{fran_namn}")
    till_text = _jtext(period.get(till_namn), f"{falt}.{till_namn}")
    fran = _lefi_dag(fran_text, f"{falt}.{fran_namn}", sista=False) if fran_text else None
    till = _lefi_dag(till_text, f"{falt}.{till_namn}", sista=True) if till_text else None
    kontrollera_period(fran, till, falt)
    return fran, till


def _lefi_utlamnare(varde: Any, falt: str) -> dict[str, str]:
    """``utlamnare[]``: each provider's code and state (FK, PM; OK, FELANDE, OTILLGANGLIG)."""
    ut: dict[str, str] = {}
    for i, post in enumerate(_lista(varde, falt), 1):
        post_falt = f"{falt}[{i}]"
        post = _objekt(post, post_falt, kravs=True)
        kod = _jkrav(_objekt(post.get("utlamnare"), f"{post_falt}.utlamnare", kravs=True).get("kod"),
                     f"{post_falt}.utlamnare.kod")
        tillstand = _jkrav(_objekt(post.get("tillstand"), f"{post_falt}.tillstand", kravs=True).get("kod"),
                           f"{post_falt}.tillstand.kod")
        if not _TILLSTANDSKOD.fullmatch(kod):
            raise ArendeFel(f"{post_falt}.utlamnare.kod", "är ingen giltig kod")
        if not _TILLSTANDSKOD.fullmatch(tillstand):
            raise ArendeFel(f"{post_falt}.tillstand.kod", "är ingen giltig kod")
        if kod in ut:
            raise ArendeFel(f"{post_falt}.utlamnare.kod", "utlämnaren förekommer mer än en gång")
        ut[kod] = tillstand
    return ut


def _lefi_avvikelse(post: Any, falt: str, ut: dict[str, str]) -> None:
    post = _objekt(post, falt, kravs=True)
    avvikelse = _objekt(post.get("avvikelse"), f"{falt}.avvikelse")
    orsak = _jtext(avvikelse.get("kod"), f"{falt}.avvikelse.kod") or "OKAND"
    if not _TILLSTANDSKOD.fullmatch(orsak):
        raise ArendeFel(f"{falt}.avvikelse.kod", "är ingen giltig kod")
    typnamn = "ovrigInformationstyp" if "ovrigInformationstyp" in post else "formansgrupp"
    grupp = _objekt(post.get(typnamn), f"{falt}.{typnamn}")
    kod = som_formankod(_jtext(grupp.get("kod"), f"{falt}.{typnamn}.kod"), "LEFI", f"{falt}.{typnamn}.kod")
    ut.setdefault(kod, orsak)


def _lefi_avvikelser(varde: Any, falt: str) -> dict[str, str]:
    """``avvikelser``: the benefit groups and information types LEFI could not deliver, with the reason
    (INTERNT_FEL, OBEHORIG). The schema makes it an object of lists by class; an empty list means none."""
    ut: dict[str, str] = {}
    if isinstance(varde, list):
        for i, post in enumerate(varde, 1):
            _lefi_avvikelse(post, f"{falt}[{i}]", ut)
        return ut
    avvikelser = _objekt(varde, falt)
    for klass in _AVVIKELSEKLASSER:
        for i, post in enumerate(_lista(avvikelser.get(klass), f"{falt}.{klass}"), 1):
            _lefi_avvikelse(post, f"{falt}.{klass}[{i}]", ut)
    return ut


def _fk_utbetalning(varde: Any, falt: str, preliminar: bool) -> Utbetalning:
    """One ``LefiUtbetalningUppgift``: Försäkringskassan's model, paid by FK or (foretag 1003) PM."""
    uppgift = _objekt(varde, falt, kravs=True)
    foretag = _jheltal(_objekt(uppgift.get("foretag"), f"{falt}.foretag").get("id"), f"{falt}.foretag.id")
    myndighet = PM if foretag == _PENSIONSMYNDIGHETEN else "FK"
    familj = _objekt(uppgift.get("formansfamilj"), f"{falt}.formansfamilj")
    familj_id = f"{falt}.formansfamilj.id"
    formankod = som_formankod(_jtext(familj.get("id"), familj_id), myndighet, familj_id)
    netto = _objekt(uppgift.get("nettobelopp"), f"{falt}.nettobelopp", kravs=True)
    if _jtext(netto.get("valuta"), f"{falt}.nettobelopp.valuta") not in (None, "SEK"):
        raise ArendeFel(f"{falt}.nettobelopp.valuta", "beloppet är inte i svenska kronor (SEK)")
    typ = _jheltal(_objekt(uppgift.get("typ"), f"{falt}.typ").get("id"), f"{falt}.typ.id")
    fran, till = _jperiod(uppgift.get("period"), f"{falt}.period", "fran", "till")
    return Utbetalning(
        myndighet=myndighet, formankod=formankod,
        beskrivning=ren_text(_jtext(familj.get("beskrivning"), f"{falt}.formansfamilj.beskrivning")),
        belopp=_jbelopp(netto.get("summa"), f"{falt}.nettobelopp.summa"),
        utbetalningsdag=som_dag(_jkrav(uppgift.get("datum"), f"{falt}.datum"), f"{falt}.datum"),
        period_fran=fran, period_till=till, typ=_LEFI_TYPER.get(typ, "okand") if typ is not None else "okand",
        preliminar=preliminar,
    )


def _pm_formansgrupper(varde: Any, falt: str) -> dict[str, str]:
    """The benefit groups a ``LefiPmFormanUtbetalning``'s rows name: code -> description."""
    grupper: dict[str, str] = {}
    for i, rad in enumerate(_lista(varde, falt), 1):
        rad_falt = f"{falt}[{i}]"
        grupp = _objekt(_objekt(rad, rad_falt, kravs=True).get("formansgrupp"), f"{rad_falt}.formansgrupp")
        kod = _jtext(grupp.get("kod"), f"{rad_falt}.formansgrupp.kod")
        if kod is not None:
            beskrivning = ren_text(_jtext(grupp.get("beskrivning"), f"{rad_falt}.formansgrupp.beskrivning"))
            grupper.setdefault(som_formankod(kod, PM, f"{rad_falt}.formansgrupp.kod"), beskrivning)
    return grupper


def _pm_utbetalning(varde: Any, falt: str, preliminar: bool) -> Utbetalning:
    """One ``LefiPmFormanUtbetalning``: Pensionsmyndigheten's model. A payment for several benefit groups
    is ``PM:FLERA`` (its net amount cannot be split between them), described by the groups it names."""
    utbetalning = _objekt(varde, falt, kravs=True)
    grupper = _pm_formansgrupper(utbetalning.get("utbetalningsrader"), f"{falt}.utbetalningsrader")
    if len(grupper) == 1:
        ((formankod, beskrivning),) = grupper.items()
    elif not grupper:
        formankod, beskrivning = f"{PM}:OKAND", ""
    else:
        formankod = f"{PM}:FLERA"
        beskrivning = ren_text("Flera förmånsgrupper: " + "; ".join(b or k for k, b in grupper.items()))
    fran, till = _jperiod(utbetalning.get("utbetalningsperiod"), f"{falt}.utbetalningsperiod", "from", "tom")
    return Utbetalning(
        myndighet=PM, formankod=formankod, beskrivning=beskrivning,
        belopp=_jbelopp(utbetalning.get("nettobelopp"), f"{falt}.nettobelopp"),
        utbetalningsdag=som_dag(_jkrav(utbetalning.get("utbetalningsdatum"), f"{falt}.utbetalningsdatum"),
                             f"{falt}.utbetalningsdatum"),
        period_fran=fran, period_till=till, preliminar=preliminar,
    )


def _lefi_utbetalningar(lefi: dict[str, Any], formansinformation: dict[str, Any], falt: str,
                        las: Lasning) -> list[Utbetalning]:
    """FK's payments (``formansinformation``) and PM's (top level), effected and preliminary."""
    kallor: tuple[tuple[dict[str, Any], str, str, bool, Callable[[Any, str, bool], Utbetalning]], ...] = (
        (formansinformation, "formansinformation.utbetalningsuppgift", "utbetalningsuppgift", False, _fk_utbetalning),
        (formansinformation, "formansinformation.preliminarautbetalningar", "preliminarautbetalningar", True,
         _fk_utbetalning),
        (lefi, "utbetalningar", "utbetalningar", False, _pm_utbetalning),
        (lefi, "preliminaraUtbetalningar", "preliminaraUtbetalningar", True, _pm_utbetalning),
    )
    ut: list[Utbetalning] = []
    for objekt, sokvag, nyckel, preliminar, tolk in kallor:
        lista = _lista(objekt.get(nyckel), f"{falt}.{sokvag}")
        las.rakna_utbetalningar(len(lista), f"{falt}.{sokvag}")
        ut += [tolk(post, f"{falt}.{sokvag}[{i}]", preliminar) for i, post in enumerate(lista, 1)]
    return ut


def las_lefi(data: bytes, falt: str, las: Lasning) -> Myndighetssvar:
    """Försäkringskassan's block from the bytes of its LEFI JSON answer (``LefiExternFormansinformationSvar``);
    ``falt`` names the field (``ssbtek.sara.FK.lefiJsonSvar``), ``las`` counts payments and notes identities."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ArendeFel(falt, "LEFI-svaret är inte UTF-8-kodad text") from None
    try:
        lefi = _objekt(las_json(text, "LEFI-svaret"), falt, kravs=True)
    except ArendeFel as fel:  # las_json names a duplicate key in falt: never quote the answer
        raise ArendeFel(falt, fel.meddelande) from None
    formansinformation = _objekt(lefi.get("formansinformation"), f"{falt}.formansinformation")
    personer_falt = f"{falt}.formansinformation.generellPersoninformation"
    for i, person in enumerate(_lista(formansinformation.get("generellPersoninformation"), personer_falt), 1):
        person = _objekt(person, f"{personer_falt}[{i}]", kravs=True)
        las.identitet(_jtext(person.get("personnummer"), f"{personer_falt}[{i}].personnummer"),
                      f"{personer_falt}[{i}].personnummer")
    return Myndighetssvar(
        "FK",
        utlamnare=_lefi_utlamnare(lefi.get("utlamnare"), f"{falt}.utlamnare"),
        avvikelser=_lefi_avvikelser(lefi.get("avvikelser"), f"{falt}.avvikelser"),
        utbetalningar=tuple(_lefi_utbetalningar(lefi, formansinformation, falt, las)),
    )
