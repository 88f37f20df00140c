"""The embedded renewal (``ateransokan_2026``) and its SSBTEK answer, and ways to alter the answer, for the tests
that attack POST /ateransokan and the comparison behind it (tests/kontroll/, tests/granssnitt/).

Sara's answer (``SVAR``, as text) is altered as a string: a block removed or replaced by an error, a payment
added, an amount changed, the LEFI JSON inside Försäkringskassan's block rewritten. ``beslut`` decides a renewal
in-process and returns the decision JSON.
"""

from __future__ import annotations

import base64
import copy
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from openfisca_sweden_bistand import exempel

ANSOKAN: dict[str, Any] = exempel.arende("ateransokan_2026")
SVAR: str = exempel.ssbtek("ateransokan_2026")["sara"].read_text(encoding="utf-8")
PNR = "199203142389"  # Sara's synthetic personnummer in SVAR
MYNDIGHETER = ("AF", "CSN", "FK", "SKV", "SO", "TNS", "MIV")
TIDPUNKT = "2026-03-02T08:15:00+01:00"  # SVAR's frageTidpunkt
_LEFI = re.compile(r"<ssbt:lefiJsonSvar>([^<]*)</ssbt:lefiJsonSvar>")


def kropp(svar: str = SVAR, ansokan: dict[str, Any] | None = None, person: str = "sara") -> dict[str, Any]:
    """The body of POST /ateransokan."""
    return {"ansokan": ANSOKAN if ansokan is None else ansokan, "ssbtek": {person: svar}}


def ansokan(**andringar: Any) -> dict[str, Any]:
    """A copy of the renewal with Sara's facts changed (``arbetsloshetsersattning=0``)."""
    data = copy.deepcopy(ANSOKAN)
    data["personer"]["sara"].update(andringar)
    return data


def par() -> dict[str, Any]:
    """The renewal with a second adult, Per, who declares what Sara does (each fact confirmed the same way)."""
    data = copy.deepcopy(ANSOKAN)
    data["personer"]["per"] = copy.deepcopy(data["personer"]["sara"])
    data["hushallen"]["hushallet"]["vuxna"] = ["sara", "per"]
    for falt, kalla in list(data["kallor"].items()):
        if falt.startswith("personer.sara."):
            data["kallor"][falt.replace("personer.sara.", "personer.per.")] = kalla
    return data


def med_tidpunkt(tidpunkt: str | None, svar: str = SVAR) -> str:
    """The answer asked at ``tidpunkt`` (an xs:dateTime), or without frageTidpunkt."""
    ny = "" if tidpunkt is None else f"<ssbt:frageTidpunkt>{tidpunkt}</ssbt:frageTidpunkt>"
    return svar.replace(f"<ssbt:frageTidpunkt>{TIDPUNKT}</ssbt:frageTidpunkt>", ny)


def utan_block(myndighet: str, svar: str = SVAR) -> str:
    """The answer without the agency's block (the agency was not asked)."""
    return re.sub(rf"\s*<ssbt:{myndighet}>.*?</ssbt:{myndighet}>", "", svar, flags=re.S)


def med_felblock(myndighet: str, kalla: str = "SSBT", felkod: str = "1", meddelande: str = "Tjänsten svarade inte",
                 svar: str = SVAR) -> str:
    """The answer with the agency's block an error block."""
    fel = (f"<ssbt:{myndighet}><ssbt:error><ssbt:kalla>{kalla}</ssbt:kalla><ssbt:felkod>{felkod}</ssbt:felkod>"
           f"<ssbt:felmeddelande>{meddelande}</ssbt:felmeddelande></ssbt:error></ssbt:{myndighet}>")
    return re.sub(rf"<ssbt:{myndighet}>.*?</ssbt:{myndighet}>", lambda _: fel, svar, flags=re.S)


def so_utbetalning(dag: str, belopp: str, fran: str = "2026-02-16", tom: str = "2026-03-01") -> str:
    return (f"<so:Utbetalningar><so:Utbetalningsdatum>{dag}</so:Utbetalningsdatum><so:NettoEfterSkatt>{belopp}"
            f"</so:NettoEfterSkatt><so:NettoEfterAvdrag>{belopp}</so:NettoEfterAvdrag><so:Ersattningsdagar>5"
            f"</so:Ersattningsdagar><so:AvserFrom>{fran}</so:AvserFrom><so:AvserTom>{tom}</so:AvserTom>"
            "</so:Utbetalningar>")


def med_so_utbetalning(dag: str, belopp: str, fran: str = "2026-02-16", tom: str = "2026-03-01",
                       svar: str = SVAR) -> str:
    """The answer with one more a-kassa payment."""
    return svar.replace("</so:Arbetsloshetsersattning>", so_utbetalning(dag, belopp, fran, tom)
                        + "</so:Arbetsloshetsersattning>", 1)


def so_belopp(faktor: float, svar: str = SVAR, manad: str = "2026-02") -> str:
    """The answer with every a-kassa payment of ``manad`` multiplied by ``faktor``."""
    def andra(traff: re.Match[str]) -> str:
        rad = traff.group()
        if f"<so:Utbetalningsdatum>{manad}-" not in rad:
            return rad
        return re.sub(r"(<so:NettoEfterSkatt>)([^<]*)", lambda t: f"{t.group(1)}{float(t.group(2)) * faktor:.2f}", rad)
    return re.sub(r"<so:Utbetalningar>.*?</so:Utbetalningar>", andra, svar, flags=re.S)


def lefi(svar: str = SVAR) -> dict[str, Any]:
    """The LEFI JSON inside Försäkringskassan's block."""
    traff = _LEFI.search(svar)
    assert traff is not None
    return json.loads(base64.b64decode(traff.group(1)))


def med_lefi(andra: Callable[[dict[str, Any]], Any], svar: str = SVAR) -> str:
    """The answer with its LEFI JSON changed by ``andra`` (which changes the object in place); an answer without
    one (Försäkringskassan's block removed or an error) as it is."""
    if _LEFI.search(svar) is None:
        return svar
    data = lefi(svar)
    andra(data)
    kodad = base64.b64encode(json.dumps(data, ensure_ascii=False).encode("utf-8")).decode("ascii")
    return _LEFI.sub(lambda _: f"<ssbt:lefiJsonSvar>{kodad}</ssbt:lefiJsonSvar>", svar)


def fk_utbetalning(dag: str, belopp: float, familj: str, beskrivning: str = "Provförmån",
                   typ: int = 1) -> dict[str, Any]:
    """One Försäkringskassan payment as LEFI writes it (``LefiUtbetalningUppgift``)."""
    return {"typ": {"id": typ, "beskrivning": "Provtyp"}, "foretag": {"id": 1001, "beskrivning": "Provföretag"},
            "formansfamilj": {"id": familj, "beskrivning": beskrivning}, "datum": dag, "period": {},
            "nettobelopp": {"summa": belopp, "valuta": "SEK"}}


def med_identitet(pnr: str | None, svar: str = SVAR) -> str:
    """The answer with every identity it carries (AF, SO, MIV, Skatteverket, CSN, LEFI) ``pnr`` (12 digits), or
    with none at all."""
    svar = re.sub(r"(<(?:af|f):IdentitetsbeteckningFysiskPerson>|<so:IdentificationNumber[^>]*>|<personnummer>)"
                  r"[0-9]{12}(</[^>]+>)", lambda t: f"{t.group(1)}{pnr}{t.group(2)}" if pnr else "", svar)

    def csn(traff: re.Match[str]) -> str:
        dokument = base64.b64decode(traff.group(1)).decode("utf-8")
        dokument = re.sub(r' personnummer="[0-9]{10}"', f' personnummer="{pnr[2:]}"' if pnr else "", dokument)
        dokument = re.sub(r' sekel="[0-9]{2}"', f' sekel="{pnr[:2]}"' if pnr else "", dokument)
        return f"<ssbt:svar>{base64.b64encode(dokument.encode('utf-8')).decode('ascii')}</ssbt:svar>"

    def personinformation(data: dict[str, Any]) -> None:
        if pnr:
            data["formansinformation"]["generellPersoninformation"] = [{"personnummer": pnr, "skyddad": False}]
        else:
            data["formansinformation"].pop("generellPersoninformation", None)

    svar = re.sub(r"<ssbt:svar>([A-Za-z0-9+/=\s]+)</ssbt:svar>", csn, svar)
    return med_lefi(personinformation, svar)


def i_alla_texter(pnr: str) -> str:
    """Sara's answer with ``pnr`` in every text the reader keeps or reads: a benefit's description (of an unknown
    code, so it is shown), Arbetsförmedlingen's texts, a vehicle, a residence permit, an agency's error block
    (felkod and message), an unknown element's name and an attribute."""
    def lefi(data: dict) -> None:
        data["formansinformation"]["utbetalningsuppgift"].append(
            {"formansfamilj": {"id": "ZZZ", "beskrivning": f"Bidrag {pnr}"}, "datum": "2026-02-20",
             "nettobelopp": {"summa": 1, "valuta": "SEK"}})
    svar = med_lefi(lefi)
    svar = svar.replace("<af:ArbetssokandeSKAT>Arbetslös", f"<af:ArbetssokandeSKAT>Arbetslös {pnr}")
    svar = svar.replace("<af:Akassetillhorighet>Exempelkassan", f'<af:Akassetillhorighet x="{pnr}">{pnr}')
    svar = svar.replace("<af:Schemaversion>", f"<af:p{re.sub(r'[^0-9]', '', pnr)}>{pnr}</af:p"
                                              f"{re.sub(r'[^0-9]', '', pnr)}><af:Schemaversion>")
    svar = re.sub(r"(<fordon:fabrikat>)[^<]*", lambda t: t.group(1) + f"Volvo {pnr}", svar)
    svar = re.sub(r"(<beslutsTypNamn>)[^<]*", lambda t: t.group(1) + f"TUT {pnr}", svar)
    return med_felblock("MIV", "BT", f"K{pnr}", f"Personen {pnr} saknas", svar)


def lacker(text: str, *personnummer: str) -> bool:
    """Whether ``text`` holds the last ten digits of one of ``personnummer`` (12 digits each) in any written form:
    full-width digits, percent-encoded or invisible separators, split anywhere, within one chain of digits."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"%[0-9A-Fa-f]{2}", "-", text)
    text = re.sub(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]", "", text)
    kedjor = re.sub(r"(?<=[0-9])[^0-9A-Za-zÅÄÖåäö]{1,3}(?=[0-9])", "", text)
    return any(p[2:] in kedjor for p in personnummer)


def beslut(ansokan: dict[str, Any] | None = None, ssbtek: dict[str, str] | None = None) -> dict[str, Any]:
    """The decision JSON of a renewal decided in-process against its answers (``las_ateransokan``, as POST
    /ateransokan reads it)."""
    from openfisca_sweden_bistand.forklaring.beslut import fatta_beslut
    from openfisca_sweden_bistand.granssnitt.webb import las_ateransokan
    from openfisca_sweden_bistand.system import skattesystem

    system = skattesystem()
    arende, svar = las_ateransokan({"ansokan": ANSOKAN if ansokan is None else ansokan,
                                    "ssbtek": {"sara": SVAR} if ssbtek is None else ssbtek}, system)
    return fatta_beslut(arende, system, ssbtek=svar).som_dict()


def skal(beslutet: dict[str, Any]) -> list[str]:
    return [s["skal"] for s in beslutet["skal_for_manuell_provning"]]


def kontroller(beslutet: dict[str, Any], resultat: str | None = None) -> list[dict[str, Any]]:
    return [k for k in beslutet["kontroller"] if resultat is None or k["resultat"] == resultat]
