"""A case's calculation, line by line, each line with the provision applied in that month.

``berakna(arende)`` computes a case and returns every part of the amount: each member's
riksnorm item and the parameter it was read from (with its konfidens), the common costs, each
reasonable cost, each counted and each disregarded income, the facts that were not given, and
whether the norm is provisional. ``som_text`` writes it as plain Swedish; ``som_dict`` as JSON.
"""

from __future__ import annotations

import datetime
import textwrap
from dataclasses import asdict, dataclass, field
from typing import Any

from openfisca_core import periods

from openfisca_sweden_bistand import __version__
from openfisca_sweden_bistand.arende.las import Arende, bygg_simulering
from openfisca_sweden_bistand.arende.underlag import saknade_uppgifter
from openfisca_sweden_bistand.regelstod.inkomstslag import (
    BARNINKOMSTER,
    EJ_RAKNADE_INKOMSTER,
    HUSHALLSINKOMSTER,
    PERSONINKOMSTER,
)
from openfisca_sweden_bistand.regelstod.lagrum import lagrum_text
from openfisca_sweden_bistand.regelstod.parametrar import (
    bortom_giltighet,
    giltig_till,
    parameter,
    varde_i_kraft,
)
from openfisca_sweden_bistand.regelstod.riksnormgrupper import (
    RiksnormGrupp,
    parameterstig,
)
from openfisca_sweden_bistand.system import skattesystem

MANADER = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december")

# The parts of the calculation, in the order of the formula.
RIKSNORM, SKALIGA, INKOMSTER, EJ_RAKNADE = "riksnorm", "skaliga_kostnader", "raknade_inkomster", "ej_raknade_inkomster"


@dataclass
class Rad:
    """One line of the calculation."""

    del_: str  # RIKSNORM, SKALIGA, INKOMSTER or EJ_RAKNADE
    post: str  # what the line is, in Swedish
    belopp: int | float  # kronor per month; disregarded income is shown as a positive amount
    lagrum: str  # the provision(s) applied, for the case month
    variabel: str  # the OpenFisca variable
    person: str | None = None
    parameter: str | None = None  # the parameter the amount was read from
    konfidens: str | None = None  # that value's konfidens


@dataclass
class ProvisorisktVarde:
    parameter: str
    varde: float
    konfidens: str
    kalla: str
    anmarkning: str = ""


@dataclass
class Berakning:
    period: str
    hushall_id: str
    forsorjningsstod: float
    riksnorm: float
    skaliga_kostnader: float
    raknade_inkomster: float
    ej_raknade_inkomster: float
    riksnorm_provisorisk: bool
    rader: list[Rad]
    provisoriska_varden: list[ProvisorisktVarde] = field(default_factory=list)
    riksnorm_bortom_giltighet: str | None = None  # the last day the norm is entered for, if the month is later
    saknade_uppgifter: list[str] = field(default_factory=list)
    lagrum: str = ""
    paketversion: str = __version__

    def som_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rader"] = [{("del" if k == "del_" else k): v for k, v in rad.items()} for rad in data["rader"]]
        return data

    def som_text(self) -> str:
        return skriv_text(self)


def _lagrum(nyckel: str, dag: datetime.date) -> str:
    return lagrum_text(nyckel, dag, kravs=True)


def _tal(x) -> int | float:
    """A float32 result as a plain number: whole kronor as an int, else rounded to öre."""
    varde = round(float(x), 2)
    return int(varde) if varde == int(varde) else varde


def berakna(arende: Arende, system=None, simulering=None) -> Berakning:
    """Compute ``arende`` and explain the amount line by line (in ``simulering`` if given)."""
    system = system or skattesystem()
    simulering = simulering or bygg_simulering(arende, system)
    period = periods.period(arende.period)
    dag = datetime.date.fromisoformat(f"{arende.period}-01")

    def hushall(namn: str):
        return simulering.calculate(namn, period)[0]

    def person(namn: str):
        return simulering.calculate(namn, period)

    person_ids = list(simulering.persons.ids)
    rader: list[Rad] = []
    parametrar = system.parameters
    citerade: list[str] = []

    def citera(stig: str):
        lov = parameter(parametrar, stig)
        varde = varde_i_kraft(lov, dag)
        citerade.append(stig)
        return varde.metadata.get("konfidens") if varde is not None else None

    # Riksnorm: each member's personal costs, then the household's common costs.
    norm_lagrum = f"{_lagrum('riksnorm_poster', dag)}; {_lagrum('riksnorm_belopp', dag)}"
    grupper = person("riksnorm_grupp").decode_to_str()
    lunch = person("lunch_utanfor_hemmet")
    belopp = person("riksnorm_personliga_kostnader")
    for i, pid in enumerate(person_ids):
        stig = parameterstig(grupper[i], bool(lunch[i]))
        etikett = RiksnormGrupp[grupper[i]].value
        if stig and stig.startswith("riksnorm.barn_lunch"):
            etikett += ", lunch utanför hemmet fem dagar i veckan"
        rader.append(Rad(RIKSNORM, f"{pid}: {etikett}", _tal(belopp[i]), norm_lagrum, "riksnorm_personliga_kostnader",
                         person=pid, parameter=stig, konfidens=citera(stig) if stig else None))
    medlemmar = int(hushall("antal_hushallsmedlemmar"))
    storlek = int(hushall("storlek_for_gemensamma_kostnader"))
    if storlek <= 7:
        stig = f"riksnorm.gemensamma_hushallskostnader.personer_{storlek}"
        konfidens = citera(stig)
    else:
        stig = "riksnorm.gemensamma_hushallskostnader.personer_7"
        konfidenser = {citera(stig), citera("riksnorm.gemensamma_hushallskostnader.personer_6")}
        konfidens = "official" if konfidenser == {"official"} else sorted(konfidenser - {"official"})[0]
    post = f"Gemensamma hushållskostnader, {storlek} personer" if storlek > 1 else "Gemensamma hushållskostnader, 1 person"
    if storlek > 7:
        post += f" (7 personer + {storlek - 7} × skillnaden mellan 7 och 6 personer)"
    gemensamt_lagrum = norm_lagrum
    if hushall("delat_boende"):
        post += f", hushållets andel {medlemmar}/{storlek} av det gemensamma boendet"
        gemensamt_lagrum += f"; {_lagrum('riksnorm_delat_boende', dag)}"
    elif storlek > 7:
        gemensamt_lagrum += f"; {_lagrum('riksnorm_fler_an_sju', dag)}"
    rader.append(Rad(RIKSNORM, post, _tal(hushall("riksnorm_gemensamma_hushallskostnader")), gemensamt_lagrum,
                     "riksnorm_gemensamma_hushallskostnader", parameter=stig, konfidens=konfidens))

    # Skäliga kostnader.
    kostnad_lagrum = _lagrum("skaliga_kostnader", dag)
    faktisk, skalig, tak = hushall("boendekostnad"), hushall("skalig_boendekostnad"), hushall("boendekostnad_tak")
    post = "Boendekostnad"
    if skalig < faktisk:
        post += f" (faktisk {_tal(faktisk):g} kr, begränsad till kommunens tak {_tal(tak):g} kr)"
    elif tak > 0 and faktisk > tak:
        post += f" (över kommunens tak {_tal(tak):g} kr, godtas under skäligt rådrum)"
    rader.append(Rad(SKALIGA, post, _tal(skalig), kostnad_lagrum, "skalig_boendekostnad"))
    for namn in ("hushallsel", "hemforsakring"):
        if hushall(namn):
            rader.append(Rad(SKALIGA, system.variables[namn].label, _tal(hushall(namn)), kostnad_lagrum, namn))
    for namn in ("arbetsresor", "avgift_fackforening", "avgift_arbetsloshetskassa"):
        varden = person(namn)
        for i, pid in enumerate(person_ids):
            if varden[i]:
                rader.append(Rad(SKALIGA, f"{pid}: {system.variables[namn].label}", _tal(varden[i]), kostnad_lagrum,
                                 namn, person=pid))

    # Incomes, then what the law disregards.
    inkomst_lagrum = _lagrum("ratt_till_bistand", dag)
    inkomster = {namn: person(namn) for namn in PERSONINKOMSTER + BARNINKOMSTER + EJ_RAKNADE_INKOMSTER}
    for i, pid in enumerate(person_ids):
        for namn, varden in inkomster.items():
            if varden[i]:
                rader.append(Rad(INKOMSTER, f"{pid}: {system.variables[namn].label}", _tal(varden[i]), inkomst_lagrum,
                                 namn, person=pid))
    for namn in HUSHALLSINKOMSTER:
        if hushall(namn):
            post = system.variables[namn].label
            if namn == "barnbidrag" and namn not in arende.angivna.get(arende.hushall_id, set()):
                post += " (ej angivet: lagstadgat belopp beräknat)"
            rader.append(Rad(INKOMSTER, post, _tal(hushall(namn)), inkomst_lagrum, namn))
    undantag = (
        ("barns_arbetsinkomst_ej_raknad", "barns_arbetsinkomst",
         "arbetsinkomst som inte räknas (hemmavarande barn eller skolungdom, upp till ett prisbasbelopp per år)"),
        ("jobbstimulans_ej_raknad", "jobbstimulans",
         "jobbstimulans, 25 % av inkomst av anställning räknas inte"),
        ("ej_raknad_inkomst", "inkomster", "inkomst som inte räknas in (angiven grund)"),
        ("barnets_inkomst_over_andel", "inkomster",
         "barnets inkomst över barnets andel av behovet (barn försörjer inte föräldrarna)"),
        ("inkomst_utanfor_hushallet", "hushall", "inkomst för en person som inte hör till hushållet"),
    )
    for namn, nyckel, text in undantag:
        varden = person(namn)
        for i, pid in enumerate(person_ids):
            if varden[i]:
                rader.append(Rad(EJ_RAKNADE, f"{pid}: {text}", _tal(varden[i]), _lagrum(nyckel, dag), namn,
                                 person=pid))
    if hushall("underhallsstod_over_andel"):
        rader.append(Rad(EJ_RAKNADE, "underhållsstöd över barnens andelar av behovet (barn försörjer inte föräldrarna)",
                         _tal(hushall("underhallsstod_over_andel")), _lagrum("inkomster", dag), "underhallsstod_over_andel"))

    saknade = saknade_uppgifter(arende)
    _markera_saknade(rader, saknade, system, {SKALIGA: kostnad_lagrum, INKOMSTER: inkomst_lagrum})

    provisoriska = []
    for stig in dict.fromkeys(citerade):
        varde = varde_i_kraft(parameter(parametrar, stig), dag)
        if varde.metadata.get("konfidens") != "official":
            provisoriska.append(ProvisorisktVarde(
                stig, _tal(varde.value), varde.metadata.get("konfidens", "saknas"),
                varde.metadata.get("kalla", ""), varde.metadata.get("anmarkning", "")))
    provisorisk = bool(hushall("riksnorm_provisorisk"))
    bortom = None
    if bortom_giltighet(parametrar.riksnorm, dag):
        bortom = giltig_till(parametrar.riksnorm).isoformat()

    return Berakning(
        period=arende.period,
        hushall_id=arende.hushall_id,
        forsorjningsstod=_tal(hushall("forsorjningsstod")),
        riksnorm=_tal(hushall("riksnorm")),
        skaliga_kostnader=_tal(hushall("skaliga_kostnader")),
        raknade_inkomster=_tal(hushall("raknade_inkomster")),
        ej_raknade_inkomster=_tal(hushall("ej_raknade_inkomster")),
        riksnorm_provisorisk=provisorisk,
        rader=rader,
        provisoriska_varden=provisoriska,
        riksnorm_bortom_giltighet=bortom,
        saknade_uppgifter=saknade,
        lagrum=_lagrum("ratt_till_bistand", dag),
    )


EJ_ANGIVEN = " (uppgift saknas: räknad som 0 kr)"
SKALIGA_KOSTNADER = ("boendekostnad", "hushallsel", "hemforsakring", "arbetsresor", "avgift_fackforening",
                     "avgift_arbetsloshetskassa")


def _markera_saknade(rader: list[Rad], saknade: list[str], system, lagrum: dict[str, str]) -> None:
    """Every cost or income the case does not give counts as 0 in the calculation: show it as a line
    that says so (barnbidrag, which the law computes when not given, is marked where it is shown)."""
    for falt in saknade:
        grupp, entitet_id, namn = falt.split(".", 2)
        variabel = system.variables[namn]
        if variabel.unit != "currency-SEK" or variabel.formulas:
            continue
        del_ = SKALIGA if namn in SKALIGA_KOSTNADER else INKOMSTER
        person = entitet_id if grupp == "personer" else None
        befintlig = next((r for r in rader if r.variabel in (namn, f"skalig_{namn}") and r.person == person), None)
        if befintlig is not None:
            befintlig.post += EJ_ANGIVEN
            continue
        post = f"{entitet_id}: {variabel.label}" if person else variabel.label
        rader.append(Rad(del_, post + EJ_ANGIVEN, 0, lagrum[del_], namn, person=person))


def kr(belopp: float) -> str:
    """Kronor in Swedish style: 12 230 kr, 450,50 kr."""
    if belopp == int(belopp):
        text = f"{int(belopp):,}".replace(",", " ")
    else:
        text = f"{belopp:,.2f}".replace(",", " ").replace(".", ",")
    return f"{text} kr"


def skriv_text(b: Berakning) -> str:
    ar, manad = b.period.split("-")
    rader = [f"Beräkning av försörjningsstöd för {MANADER[int(manad) - 1]} {ar}, hushåll {b.hushall_id}", ""]
    rader += skriv_rader(b)
    if b.saknade_uppgifter:
        rader += ["", "Uppgifter som ett beslut behöver men som inte angavs (belopp räknas som 0 kr):"]
        rader += [f"  - {uppgift}" for uppgift in b.saknade_uppgifter]
    rader += ["", f"Regelversion: openfisca-sweden-bistand {b.paketversion}"]
    return "\n".join(rader)


def skriv_rader(b: Berakning) -> list[str]:
    """The calculation as text lines: each part with its lines and provisions, the sum, and any provisional figure."""
    rader: list[str] = []
    bredd = 64

    def rad(text: str, belopp: str, markering: str = ""):
        delar = textwrap.wrap(text, bredd, subsequent_indent="    ") or [""]
        rader.extend(f"  {d}" for d in delar[:-1])
        rader.append(f"  {delar[-1]:<{bredd}}{belopp:>13}{markering}")

    def del_(rubrik: str, del_namn: str, summa_text: str, summa: float, tecken: str = ""):
        aktuella = [r for r in b.rader if r.del_ == del_namn]
        if not aktuella:
            return
        gemensamt = {r.lagrum for r in aktuella}
        rader.append(f"{rubrik} ({aktuella[0].lagrum})" if len(gemensamt) == 1 else rubrik)
        for r in aktuella:
            text = r.post if len(gemensamt) == 1 else f"{r.post} ({r.lagrum})"
            rad(text, tecken + kr(r.belopp), "  *" if r.konfidens not in (None, "official") else "")
        rad(summa_text, tecken + kr(summa))
        rader.append("")

    del_("Riksnorm", RIKSNORM, "Summa riksnorm", b.riksnorm)
    del_("Skäliga kostnader", SKALIGA, "Summa skäliga kostnader", b.skaliga_kostnader)
    del_("Inkomster", INKOMSTER, "Summa inkomster", b.raknade_inkomster + b.ej_raknade_inkomster)
    del_("Inkomster som inte räknas", EJ_RAKNADE, "Summa som inte räknas", b.ej_raknade_inkomster, "−")
    rader.append(f"Försörjningsstöd = riksnorm {kr(b.riksnorm)} + skäliga kostnader {kr(b.skaliga_kostnader)}")
    rader.append(f"                   − räknade inkomster {kr(b.raknade_inkomster)}, dock lägst 0")
    rader.append(f"                 = {kr(b.forsorjningsstod)} per månad ({b.lagrum})")
    if b.riksnorm_provisorisk:
        rader += ["", "OBS: Riksnormen för denna månad bygger på belopp som inte lästs i en officiell text (*):"]
        for p in b.provisoriska_varden:
            forklaring = p.anmarkning if p.konfidens in ("derived", "provisional") and p.anmarkning else p.kalla
            rader += textwrap.wrap(f"* {p.parameter} = {kr(p.varde)} ({p.konfidens}): {forklaring}",
                                   100, initial_indent="  ", subsequent_indent="    ",
                                   break_on_hyphens=False, break_long_words=False)
        if b.riksnorm_bortom_giltighet:
            rader.append(f"  Riksnormen är inlagd t.o.m. {b.riksnorm_bortom_giltighet}; senare månader använder "
                         "det senaste årets belopp utan rättslig grund.")
    return rader
