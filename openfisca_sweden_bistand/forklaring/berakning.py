"""A case's calculation, line by line, each line with the provision applied in that month.

``berakna(arende)`` computes a case and returns every part of the amount: each member's
riksnorm item and the parameter it was read from (with its konfidens), the common costs, each
reasonable cost, each counted and each disregarded income, the facts that were not given, and
whether the norm is provisional. ``som_text`` writes it as plain Swedish (the template
``mallar/berakning.txt.j2``); ``som_dict`` as JSON.

Every amount and every fact a line states is read from a variable (whether housing was capped, the
size the common costs are computed for, a shared home ...): this module holds no rule. It walks the
table of the calculation's parts (``regelstod/poster.py``), which the formulas that sum the parts
iterate over too.
"""

from __future__ import annotations

import copy
import datetime
import functools
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from openfisca_core import periods

from openfisca_sweden_bistand import __version__, text
from openfisca_sweden_bistand.arende.kallor import Kalla
from openfisca_sweden_bistand.arende.las import Arende
from openfisca_sweden_bistand.forklaring.mallar import rendera
from openfisca_sweden_bistand.forklaring.simulering import bygg_simulering
from openfisca_sweden_bistand.kommuner import riktlinje_for_varde
from openfisca_sweden_bistand.kontroll.underlag import Underlag, kontrollera
from openfisca_sweden_bistand.regelstod.lagrum import lagrum_text
from openfisca_sweden_bistand.regelstod.parametrar import (
    bortom_giltighet,
    giltig_till,
    parameter,
    varde_i_kraft,
)
from openfisca_sweden_bistand.regelstod.poster import (
    EJ_RAKNADE,
    EJ_RAKNADE_POSTER,
    INKOMST_LAGRUM,
    INKOMSTER,
    INKOMSTPOSTER,
    KOSTNAD_LAGRUM,
    KOSTNADSPOSTER,
    LIVSFORING,
    LIVSFORING_LAGRUM,
    LIVSFORING_RIKTLINJE,
    LIVSFORINGSPOSTER,
    PERSON,
    RIKSNORM,
    RIKSNORMPOSTER,
    SKALIGA,
    Post,
    del_for_fakta,
    variabel_for_fakta,
)
from openfisca_sweden_bistand.regelstod.riksnormgrupper import (
    RiksnormGrupp,
    gemensamma_stigar,
    parameterstig,
)
from openfisca_sweden_bistand.regelstod.riktlinjer import BOENDEKOSTNAD_TAK_RADER
from openfisca_sweden_bistand.system import system_for

__all__ = [
    "EJ_RAKNADE", "INKOMSTER", "LIVSFORING", "RIKSNORM", "SKALIGA", "Berakning", "ProvisorisktVarde", "Rad", "berakna"]


@dataclass
class Rad:
    """One line of the calculation."""

    del_: str  # RIKSNORM, SKALIGA, LIVSFORING, INKOMSTER or EJ_RAKNADE
    post: str  # what the line is, in Swedish
    belopp: int | float  # kronor per month; disregarded income is shown as a positive amount
    lagrum: str  # the provision(s) applied, for the case month
    variabel: str  # the OpenFisca variable
    person: str | None = None
    parameter: str | None = None  # the parameter the amount was read from
    konfidens: str | None = None  # that value's konfidens
    kalla: dict[str, Any] | None = None  # the source of the fact the line shows (arende/kallor.py), if any

    def som_dict(self) -> dict[str, Any]:
        """The line in the JSON of ``bistand berakna`` and ``bistand beslut`` (``del_`` is ``del``): every field, the
        source a copy of its own (the rest are numbers and texts; ``asdict`` would copy each of them, some 30 lines a
        decision, six times slower)."""
        data = {("del" if f.name == "del_" else f.name): getattr(self, f.name) for f in fields(self)}
        data["kalla"] = copy.deepcopy(self.kalla)
        return data


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
    livsforing_i_ovrigt: float
    ekonomiskt_bistand: float
    raknade_inkomster: float
    ej_raknade_inkomster: float
    riksnorm_provisorisk: bool
    rader: list[Rad]
    provisoriska_varden: list[ProvisorisktVarde] = field(default_factory=list)
    riksnorm_bortom_giltighet: str | None = None  # the last day the norm is entered for, if the month is later
    saknade_uppgifter: list[str] = field(default_factory=list)
    lagrum: str = ""
    paketversion: str = __version__
    # the facts that rest on the applicant's word alone (or, for a register's fact, on last month's decision)
    uppgifter_utan_kontroll: list[dict[str, Any]] = field(default_factory=list)

    def som_dict(self) -> dict[str, Any]:
        data = asdict(replace(self, rader=[]))  # asdict for the rest; the lines by their own som_dict, copied once
        data["rader"] = [rad.som_dict() for rad in self.rader]
        return data

    def som_text(self) -> str:
        return skriv_text(self)


def _tal(x: Any) -> int | float:
    """A float32 result as a plain number: whole kronor as an int, else rounded to öre."""
    varde = round(float(x), 2)
    return int(varde) if varde == int(varde) else varde


@dataclass
class _Kontext:
    """What the builders of the lines share: the case's simulation, month and cited parameters."""

    system: Any
    simulering: Any
    period: Any
    dag: datetime.date
    person_ids: list[str]
    underlag: Underlag
    citerade: list[str] = field(default_factory=list)
    _varden: dict[str, Any] = field(default_factory=dict)

    def hushall(self, namn: str) -> Any:
        return self.person(namn)[0]

    def person(self, namn: str) -> Any:
        """The variable's values in the month (asked for again and again by the lines: read once from OpenFisca)."""
        varden = self._varden.get(namn)
        if varden is None:
            varden = self._varden[namn] = self.simulering.calculate(namn, self.period)
        return varden

    def lagrum(self, *nycklar: str) -> str:
        return "; ".join(lagrum_text(nyckel, self.dag, kravs=True) for nyckel in nycklar)

    def citera(self, stig: str) -> str | None:
        """The konfidens of the parameter value in force, remembering the parameter as cited."""
        varde = varde_i_kraft(parameter(self.system.parameters, stig), self.dag)
        self.citerade.append(stig)
        return varde.metadata.get("konfidens") if varde is not None else None

    def etikett(self, post: Post) -> str:
        return post.text or str(self.system.variables[post.variabel].label)

    def kalla(self, post: Post, pid: str | None) -> dict[str, Any] | None:
        """The source of the fact a line shows: the case's fact (``post.fakta`` or the variable itself) for the
        person or the household, when the case or a register gives it; None for an amount the rules compute."""
        arende = self.underlag.arende
        entitet = pid if pid is not None else arende.hushall_id
        namn = post.fakta or post.variabel
        if namn not in arende.angivna.get(entitet, set()):
            return None
        falt = f"{'personer' if pid is not None else 'hushallen'}.{entitet}.{namn}"
        kalla: dict[str, Any] = self.kallor.get(falt, arende.kalla(falt)).som_dict()
        return kalla

    @functools.cached_property
    def kallor(self) -> dict[str, Kalla]:
        return self.underlag.kallor


def riksnorm_rader(k: _Kontext) -> list[Rad]:
    """Each member's personal costs in the riksnorm, with the parameter read, then the common costs, then a norm
    computed higher in the individual case. A person here part of the month: the days the costs are for."""
    personliga = RIKSNORMPOSTER[0]
    lagrum = k.lagrum(*personliga.lagrum)
    grupper = k.person("riksnorm_grupp").decode_to_str()
    lunch = k.person("lunch_utanfor_hemmet")
    belopp = k.person(personliga.variabel)
    andel = k.person("andel_av_manaden")
    dagar = k.person("dagar_med_norm")
    per_manad = int(k.hushall("dagar_per_manad"))
    rader = []
    for i, pid in enumerate(k.person_ids):
        stig = parameterstig(grupper[i], bool(lunch[i]))
        etikett = RiksnormGrupp[grupper[i]].value
        if stig and stig.startswith("riksnorm.barn_lunch"):
            etikett += ", lunch utanför hemmet fem dagar i veckan"
        radlagrum = lagrum
        if andel[i] < 1:
            etikett += f", {int(dagar[i])} av {per_manad} dagar"
            radlagrum += f"; {k.lagrum('umgange', 'del_av_manad')}"
        rader.append(Rad(RIKSNORM, f"{pid}: {etikett}", _tal(belopp[i]), radlagrum, personliga.variabel,
                         person=pid, parameter=stig, konfidens=k.citera(stig) if stig else None))
    return [*rader, gemensamma_rad(k), *poster_rader(k, RIKSNORM, RIKSNORMPOSTER[2:])]


def _samlad_konfidens(konfidenser: list[str | None]) -> str | None:
    """One konfidens for an amount read from several values: official only when every value is."""
    olika = set(konfidenser)
    if len(olika) == 1:
        return konfidenser[0]
    return sorted(olika - {"official"})[0]  # type: ignore[type-var]


def gemensamma_rad(k: _Kontext) -> Rad:
    """The household's common costs: the size they are computed for, beyond seven, and a shared home."""
    gemensamma = RIKSNORMPOSTER[1]
    storlek = int(k.hushall("storlek_for_gemensamma_kostnader"))
    utover_sju = int(k.hushall("personer_utover_sju"))
    stigar = gemensamma_stigar(storlek)
    konfidens = _samlad_konfidens([k.citera(stig) for stig in stigar])
    post = f"Gemensamma hushållskostnader, {text.antal_personer(storlek)}"
    lagrum = k.lagrum(*gemensamma.lagrum)
    if utover_sju:
        post += f" (7 personer + {utover_sju} × skillnaden mellan 7 och 6 personer)"
    if k.hushall("delat_boende"):
        medlemmar = int(k.hushall("antal_hushallsmedlemmar"))
        post += f", hushållets andel {medlemmar}/{storlek} av hushållsgemenskapen"
        lagrum += f"; {k.lagrum('riksnorm_delat_boende')}"
    elif utover_sju:
        lagrum += f"; {k.lagrum('riksnorm_fler_an_sju')}"
    if k.hushall("del_av_manad"):
        post += ", beräknade per dag efter antalet personer i hushållet den dagen"
        lagrum += f"; {k.lagrum('umgange', 'del_av_manad')}"
    return Rad(RIKSNORM, post, _tal(k.hushall(gemensamma.variabel)), lagrum, gemensamma.variabel,
               parameter=stigar[0], konfidens=konfidens)


def _boendekostnad_tillagg(k: _Kontext) -> str:
    """What the housing line says of the municipal ceiling: capped, or accepted under rådrum."""
    tak = text.tal(_tal(k.hushall("boendekostnad_tak")))
    if k.hushall("boendekostnad_begransad_av_tak"):
        return f" (faktisk {text.tal(_tal(k.hushall('boendekostnad')))} kr, begränsad till kommunens tak {tak} kr)"
    if k.hushall("boendekostnad_radrum_tillampas"):
        return f" (över kommunens tak {tak} kr, godtas under skäligt rådrum)"
    return ""


TILLAGG = {"skalig_boendekostnad": _boendekostnad_tillagg}  # a line's wording that depends on the case


def _tak_fran_riktlinjen(k: _Kontext, pid: str | None) -> list[str]:
    """The housing ceiling's row, when the municipality's table (not the case) capped the cost or granted rådrum."""
    avgjorde = k.hushall("boendekostnad_begransad_av_tak") or k.hushall("boendekostnad_radrum_tillampas")
    if not avgjorde or "boendekostnad_tak" in k.underlag.arende.angivna.get(k.underlag.arende.hushall_id, set()):
        return []
    rad = BOENDEKOSTNAD_TAK_RADER[int(k.hushall("boendekostnad_tak_rad"))]
    extra = ["riktlinjer.boendekostnad_tak.per_ytterligare_barn"] if k.hushall("barn_utover_tabellen") else []
    return [f"riktlinjer.boendekostnad_tak.{rad}", *extra]


def _livsforing_enligt_riktlinjen(namn: str) -> Any:
    def stigar(k: _Kontext, pid: str | None) -> list[str]:
        nyckel = LIVSFORING_RIKTLINJE[namn]
        grans = k.hushall("kostnad_bredband_hogst") if nyckel == "bredband" else _riktlinjevarde(k, nyckel)
        if not 0 < k.hushall(namn) <= grans:
            return []
        if nyckel == "bredband":
            return [f"riktlinjer.livsforing.{n}" for n in ("bredband", "bredband_andel_av_prisbasbelopp")]
        return [f"riktlinjer.livsforing.{nyckel}"]
    return stigar


def _riktlinjevarde(k: _Kontext, nyckel: str) -> float:
    return float(k.system.parameters(k.period.start).riktlinjer.livsforing[nyckel])


# The municipality's guideline values that decide a line (openfisca_sweden_bistand/kommuner/): (k, person) -> paths.
RIKTLINJEVARDEN = {
    "skalig_boendekostnad": _tak_fran_riktlinjen,
    "kommunalt_tillagg_till_riksnormen": lambda k, pid: ["riktlinjer.tillagg_per_barn"],
    **{namn: _livsforing_enligt_riktlinjen(namn) for namn in LIVSFORING_RIKTLINJE},
}


def _riktlinjer_for_rad(k: _Kontext, variabel: str, pid: str | None) -> tuple[str, str | None, str | None]:
    """The guideline citations of a line whose amount a municipal value decided, the first such parameter and its
    konfidens: ("", None, None) when only the law decided it."""
    citat, forsta, konfidens = [], None, None
    for stig in RIKTLINJEVARDEN.get(variabel, lambda k, pid: [])(k, pid):
        text = riktlinje_for_varde(k.system, stig, k.dag)
        if text:
            citat.append(text)
            if forsta is None:
                forsta, konfidens = stig, k.citera(stig)
    return "; ".join(dict.fromkeys(citat)), forsta, konfidens


def _ordning(poster: tuple[Post, ...], antal_personer: int, personvis: bool) -> list[tuple[Post, int | None]]:
    """The lines of ``poster`` in order: (item, person index, None for the household). A person's
    items one after another (``personvis``), or each item for every person in turn."""
    personposter = [p for p in poster if p.entitet == PERSON]
    ordning: list[tuple[Post, int | None]] = []
    if personvis:
        ordning += [(p, i) for i in range(antal_personer) for p in personposter]
    for post in poster:
        if post.entitet != PERSON:
            ordning.append((post, None))
        elif not personvis:
            ordning += [(post, i) for i in range(antal_personer)]
    return ordning


def poster_rader(k: _Kontext, del_: str, poster: tuple[Post, ...], personvis: bool = False) -> list[Rad]:
    """A line for each item of ``poster`` with an amount (or always shown), for the household or each person."""
    rader = []
    for post, i in _ordning(poster, len(k.person_ids), personvis):
        varde = k.hushall(post.variabel) if i is None else k.person(post.variabel)[i]
        if not (varde or post.alltid):
            continue
        pid = None if i is None else k.person_ids[i]
        etikett = k.etikett(post) if pid is None else f"{pid}: {k.etikett(post)}"
        tillagg = TILLAGG.get(post.variabel)
        if tillagg is not None:
            etikett += tillagg(k)
        lagrum = k.lagrum(*post.lagrum)
        riktlinje, stig, konfidens = _riktlinjer_for_rad(k, post.variabel, pid)
        rader.append(Rad(del_, etikett, _tal(varde), f"{lagrum}; {riktlinje}" if riktlinje else lagrum, post.variabel,
                         person=pid, parameter=stig, konfidens=konfidens,
                         kalla=k.kalla(post, pid) if del_ != EJ_RAKNADE else None))
    return rader


def kostnadsrader(k: _Kontext) -> list[Rad]:
    return poster_rader(k, SKALIGA, KOSTNADSPOSTER)


def livsforingsrader(k: _Kontext) -> list[Rad]:
    return poster_rader(k, LIVSFORING, LIVSFORINGSPOSTER)


def inkomstrader(k: _Kontext) -> list[Rad]:
    return poster_rader(k, INKOMSTER, INKOMSTPOSTER, personvis=True)


def ej_raknade_rader(k: _Kontext) -> list[Rad]:
    return poster_rader(k, EJ_RAKNADE, EJ_RAKNADE_POSTER)


def provisoriska_varden(k: _Kontext) -> list[ProvisorisktVarde]:
    """Every cited parameter value that is not official, with its source and note."""
    provisoriska = []
    for stig in dict.fromkeys(k.citerade):
        varde = varde_i_kraft(parameter(k.system.parameters, stig), k.dag)
        if varde.metadata.get("konfidens") != "official":
            provisoriska.append(ProvisorisktVarde(
                stig, _tal(varde.value), varde.metadata.get("konfidens", "saknas"),
                varde.metadata.get("kalla", ""), varde.metadata.get("anmarkning", "")))
    return provisoriska


def berakna(fall: Arende | Underlag, system: Any = None, simulering: Any = None) -> Berakning:
    """Compute a case and explain the amount line by line, each fact's line with its source. ``fall`` is a
    checked case (``kontroll.underlag.kontrollera``), or a case to check first, without registers; the
    simulation is built here unless the decision built it (``simulering``)."""
    system = system_for((fall.arende if isinstance(fall, Underlag) else fall).kommun, system)
    underlag = fall if isinstance(fall, Underlag) else kontrollera(fall, system)
    arende = underlag.arende
    simulering = simulering or bygg_simulering(arende, system)
    k = _Kontext(system, simulering, periods.period(arende.period), datetime.date.fromisoformat(f"{arende.period}-01"),
                 list(simulering.persons.ids), underlag)
    rader = riksnorm_rader(k) + kostnadsrader(k) + livsforingsrader(k) + inkomstrader(k) + ej_raknade_rader(k)
    markera_saknade(k, rader, underlag.saknade)
    sista_dag = giltig_till(system.parameters.riksnorm) if bortom_giltighet(system.parameters.riksnorm, k.dag) else None
    return Berakning(
        period=arende.period,
        hushall_id=arende.hushall_id,
        forsorjningsstod=_tal(k.hushall("forsorjningsstod")),
        riksnorm=_tal(k.hushall("riksnorm")),
        skaliga_kostnader=_tal(k.hushall("skaliga_kostnader")),
        livsforing_i_ovrigt=_tal(k.hushall("livsforing_i_ovrigt")),
        ekonomiskt_bistand=_tal(k.hushall("ekonomiskt_bistand")),
        raknade_inkomster=_tal(k.hushall("raknade_inkomster")),
        ej_raknade_inkomster=_tal(k.hushall("ej_raknade_inkomster")),
        riksnorm_provisorisk=bool(k.hushall("riksnorm_provisorisk")),
        rader=rader,
        provisoriska_varden=provisoriska_varden(k),
        riksnorm_bortom_giltighet=sista_dag.isoformat() if sista_dag else None,
        saknade_uppgifter=list(underlag.saknade),
        lagrum=k.lagrum("ratt_till_bistand"),
        uppgifter_utan_kontroll=[{"falt": u.falt, "kalla": u.kalla.text(), "registerford": u.registerford}
                                 for u in underlag.utan_kontroll()],
    )


EJ_ANGIVEN = f" (uppgift saknas: räknad som {text.kr(0)})"  # no line break inside the amount
EJ_ANGIVEN_BERAKNAD = " (ej angivet: lagstadgat belopp beräknat)"
LAGRUM_FOR_DEL = {SKALIGA: KOSTNAD_LAGRUM, LIVSFORING: LIVSFORING_LAGRUM, INKOMSTER: INKOMST_LAGRUM}


def markera_saknade(k: _Kontext, rader: list[Rad], saknade: list[str]) -> None:
    """Every cost or income the case does not give counts as 0 in the calculation: show it as a line that
    says so. An amount the rules compute when it is not given (barnbidrag) is marked where it is shown."""
    for falt in saknade:
        grupp, entitet_id, namn = falt.split(".", 2)
        variabel = k.system.variables[namn]
        if variabel.unit != "currency-SEK":
            continue
        person = entitet_id if grupp == "personer" else None
        radvariabel = variabel_for_fakta(namn)
        befintlig = next((r for r in rader if r.variabel == radvariabel and r.person == person), None)
        if variabel.formulas:
            if befintlig is not None:
                befintlig.post += EJ_ANGIVEN_BERAKNAD
            continue
        if befintlig is not None:
            befintlig.post += EJ_ANGIVEN
            continue
        del_ = del_for_fakta(namn)
        if del_ is None:  # not an amount of the calculation (assets): listed among the missing facts only
            continue
        post = f"{entitet_id}: {variabel.label}" if person else variabel.label
        rader.append(Rad(del_, post + EJ_ANGIVEN, 0, k.lagrum(*LAGRUM_FOR_DEL[del_]), namn, person=person))


def skriv_text(b: Berakning) -> str:
    """The calculation as plain Swedish text (template ``berakning.txt.j2``)."""
    return rendera("berakning.txt.j2", berakning=b, **delar_for_text(b))


def delar_for_text(b: Berakning) -> dict[str, Any]:
    """What the templates of the calculation need besides the Berakning itself: its parts, in order."""
    return {"RIKSNORM": RIKSNORM, "SKALIGA": SKALIGA, "LIVSFORING": LIVSFORING, "INKOMSTER": INKOMSTER,
            "EJ_RAKNADE": EJ_RAKNADE}
