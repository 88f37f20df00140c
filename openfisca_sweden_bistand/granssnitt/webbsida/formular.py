"""The provberäkning form: which facts it asks for, and the form to and from the case JSON of ``bistand beslut``.

The form asks for every fact a case can give (``FALT``: the person's and the household's input variables,
grouped as a caseworker thinks of them), labelled with the variable's label (the law's words) and a short
help text citing the paragraph in force that month. Its field names are ``personer-N-<variable>`` and
``hushall-<variable>``, plus ``personer-N-id``, ``personer-N-roll`` and ``personer-N-manader_med_stod``
(the number of months in a row with försörjningsstöd just before the case month, which becomes the
history ``mottog_forsorjningsstod`` that jobbstimulans needs).

An empty field is a fact *not given*: it stays out of the case, and the decision names it as missing
(``arende/underlag.py``). "0" is a fact given as 0. Every value is then checked by the case reader
(``arende/las.py``), the same checks as ``POST /beslut``; every error is reported at its field.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from openfisca_core import periods

from openfisca_sweden_bistand.arende.las import (
    HOGSTA_ANTAL_PERSONER,
    Arende,
    ArendeFel,
    las_arende,
    las_dag,
    las_manad,
)
from openfisca_sweden_bistand.arende.underlag import BARNETS_INKOMSTSLAG, HUSHALL, uppgift
from openfisca_sweden_bistand.arende.validering import kontrollera_varde
from openfisca_sweden_bistand.personnummer import innehaller_personnummer
from openfisca_sweden_bistand.regelstod.lagrum import lagrum_for_variabel, lagrum_text
from openfisca_sweden_bistand.regelstod.poster import HUSHALLSINKOMSTER, PERSONINKOMSTER

VUXEN, BARN, ALLA = "vuxen", "barn", "alla"
ROLL_TILL_GRUPP = {VUXEN: "vuxna", BARN: "barnen"}
HUSHALL_ID = "hushallet"
HOGSTA_MANADER_MED_STOD = 36
MANADER_MED_STOD = "manader_med_stod"
PERSONNUMMER_I_ID = "får inte vara ett personnummer: skriv ett förnamn eller en kort beteckning"
HISTORIK = "mottog_forsorjningsstod"


@dataclass(frozen=True)
class Faltgrupp:
    """A fieldset of the form: a heading, its variables, and whom it is for (vuxen, barn or alla)."""

    rubrik: str
    variabler: tuple[str, ...]
    vem: str = ALLA


PERSONGRUPPER: tuple[Faltgrupp, ...] = (
    Faltgrupp("Barnets förhållanden", ("skolungdom", "lunch_utanfor_hemmet"), BARN),
    Faltgrupp("Arbete och planering", ("aktiv_arbetsmarknadsplanering", "kan_arbeta"), VUXEN),
    Faltgrupp("Inkomster efter skatt", (*PERSONINKOMSTER, "underhallsstod_for_barnet",
                                        "arbetsinkomst_tidigare_under_aret")),
    Faltgrupp("Kostnader", ("arbetsresor", "avgift_fackforening", "avgift_arbetsloshetskassa"), VUXEN),
    Faltgrupp("Tidigare månader", (MANADER_MED_STOD, "jobbstimulans_tillampas"), VUXEN),
    Faltgrupp("Inkomst som inte räknas", ("ej_raknad_inkomst", "ej_raknad_inkomst_grund")),
)
# In a group for everyone, the fields for one role only: a child's incomes are those of underlag.py
# (BARNETS_INKOMSTSLAG), support paid for the child and its earlier work income this year.
FALTETS_ROLL: dict[str, str] = {
    **{namn: VUXEN for namn in PERSONINKOMSTER if namn not in BARNETS_INKOMSTSLAG},
    "underhallsstod_for_barnet": BARN, "arbetsinkomst_tidigare_under_aret": BARN,
}


def vem(grupp: Faltgrupp, variabel: str) -> str:
    """Whom a field of ``grupp`` is for: the group's role, or in a group for everyone the field's own."""
    return grupp.vem if grupp.vem != ALLA else FALTETS_ROLL.get(variabel, ALLA)


HUSHALLSGRUPPER: tuple[Faltgrupp, ...] = (
    Faltgrupp("Boende", ("boendekostnad", "hushallsel", "hemforsakring", "personer_i_gemensamt_boende",
                         "boendekostnad_avser_hushallets_andel", "boendekostnad_tak", "boendekostnad_radrum")),
    Faltgrupp("Hushållets inkomster", HUSHALLSINKOMSTER),
    Faltgrupp("Tillgångar", ("tillgangar_sparande", "tillgangar_ovriga")),
    Faltgrupp("Föregående månad", ("forsorjningsstod_foregaende_manad", "antal_personer_foregaende_manad")),
    Faltgrupp("Ansökan", ("ansokt_belopp",)),
)
# Facts the form asks for outside the groups (the month and the decision date are on top).
EGNA_FALT = ("alder", HISTORIK, "beslutsdatum")

_MELLANRUM = re.compile(r"[\s\u00a0\u202f]+")
_TAL = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,6})?")
_NAMN = re.compile(r"personer-(\d{1,3})-([a-z_]{1,60})")


def falt_namn(variabel: str, index: int | None = None) -> str:
    """The name (and id) of a form field: ``personer-0-alder`` or ``hushall-boendekostnad``."""
    return f"hushall-{variabel}" if index is None else f"personer-{index}-{variabel}"


@dataclass
class Person:
    """One person of the form, as typed: the id, the role and the raw text of each field."""

    id: str
    roll: str
    varden: dict[str, str] = field(default_factory=dict)


@dataclass
class Formular:
    """The form as typed (raw strings, shown again as they were), and what was found wrong with it."""

    period: str = ""
    beslutsdatum: str = ""
    personer: list[Person] = field(default_factory=list)
    hushall: dict[str, str] = field(default_factory=dict)
    hushall_id: str = HUSHALL_ID
    reform: str = ""
    regim: str = ""
    fel: dict[str, str] = field(default_factory=dict)  # field name ("" for the whole form) -> message
    anmarkningar: list[str] = field(default_factory=list)  # what could not be shown in the form

    def ids(self) -> list[str]:
        """Each person's id in the case: as typed, or ``person1``, ``person2`` … when left empty."""
        return [person.id or f"person{index + 1}" for index, person in enumerate(self.personer)]

    def varde(self, namn: str) -> str:
        """The raw value of the field ``namn`` (for the template)."""
        if namn in ("period", "beslutsdatum", "reform", "regim"):
            return str(getattr(self, namn))
        if namn.startswith("hushall-"):
            return self.hushall.get(namn.removeprefix("hushall-"), "")
        traff = _NAMN.fullmatch(namn)
        if traff and int(traff.group(1)) < len(self.personer):
            person = self.personer[int(traff.group(1))]
            return {"id": person.id, "roll": person.roll}.get(traff.group(2), person.varden.get(traff.group(2), ""))
        return ""


def ny_formular(idag: datetime.date) -> Formular:
    """An empty form for this month with one adult."""
    return Formular(period=f"{idag.year:04d}-{idag.month:02d}", personer=[Person("sokande", VUXEN)])


# --- reading the form ------------------------------------------------------------------------------------------


def las_formular(data: Any) -> Formular:
    """The form as posted (a werkzeug MultiDict or a dict of strings), without judging the values yet.

    Persons are read in index order up to HOGSTA_ANTAL_PERSONER; a field name that is not the form's is
    ignored. Every value is kept as typed (at most 200 characters)."""
    def text(namn: str) -> str:
        varde = data.get(namn, "")
        return str(varde)[:200].strip() if isinstance(varde, str) else ""

    formular = Formular(period=text("period"), beslutsdatum=text("beslutsdatum"), reform=text("reform"),
                        regim=text("regim"), hushall_id=text("hushall-id") or HUSHALL_ID)
    for index in range(HOGSTA_ANTAL_PERSONER):
        if f"personer-{index}-roll" not in data:
            break
        roll = text(f"personer-{index}-roll")
        person = Person(text(f"personer-{index}-id"), roll if roll in ROLL_TILL_GRUPP else VUXEN)
        for namn in personvariabler(person.roll):
            if varde := text(falt_namn(namn, index)):
                person.varden[namn] = varde
        formular.personer.append(person)
    for namn in hushallsvariabler():
        if varde := text(falt_namn(namn)):
            formular.hushall[namn] = varde
    return formular


def personvariabler(roll: str) -> list[str]:
    """The person fields shown for ``roll`` (besides id and role)."""
    return ["alder", *(v for g in PERSONGRUPPER for v in g.variabler if vem(g, v) in (roll, ALLA))]


def hushallsvariabler() -> list[str]:
    return [v for g in HUSHALLSGRUPPER for v in g.variabler]


def _tal(text: str, falt: str) -> float:
    """A number as people type it: "12 000", "12000,50", "−3"; the variable's checks come after."""
    rensad = _MELLANRUM.sub("", text).removesuffix("kr").replace(",", ".").replace("\u2212", "-")
    if not _TAL.fullmatch(rensad):  # ASCII digits only: not "1_000", "1e5", "inf" or other scripts' digits
        raise ArendeFel(falt, f"ska vara ett tal, inte {text!r}")
    tal = float(rensad)
    return int(tal) if tal.is_integer() and abs(tal) < 2**53 else tal


def _tolka(variabel: Any, text: str, falt: str) -> Any:
    """The typed text as the variable's type, then the case reader's checks of type and range."""
    typ = variabel.value_type
    if typ is bool:
        if text not in ("true", "false"):
            raise ArendeFel(falt, "välj ja, nej eller ej angivet")
        varde: Any = text == "true"
    elif typ in (int, float):
        varde = _tal(text, falt)
    else:
        varde = text  # an Enum name or a date: checked by kontrollera_varde
    return kontrollera_varde(variabel, varde, falt)


def _historik(period: str, manader: int) -> dict[str, bool]:
    """``mottog_forsorjningsstod`` for the ``manader`` months before ``period`` (0: not last month)."""
    manad = periods.period(period)
    if manader == 0:
        return {str(manad.offset(-1)): False}
    return {str(manad.offset(-k)): True for k in range(1, manader + 1)}


def _person_till_arende(system: Any, formular: Formular, index: int, fel: dict[str, str]) -> dict[str, Any]:
    person = formular.personer[index]
    ut: dict[str, Any] = {}
    for namn, text in person.varden.items():
        falt = falt_namn(namn, index)
        try:
            if namn == MANADER_MED_STOD:
                antal = _tal(text, falt)
                if not isinstance(antal, int) or not 0 <= antal <= HOGSTA_MANADER_MED_STOD:
                    raise ArendeFel(falt, f"ange ett helt antal månader, 0–{HOGSTA_MANADER_MED_STOD}")
                if formular.period and "period" not in fel:
                    ut[HISTORIK] = _historik(formular.period, antal)
            else:
                ut[namn] = _tolka(system.variables[namn], text, falt)
        except ArendeFel as e:
            fel[falt] = e.meddelande
    return ut


def _ids(formular: Formular, fel: dict[str, str]) -> list[str]:
    """Each person's id: as typed, or ``person1``…; a duplicate is an error at the field."""
    ids: list[str] = []
    for index, pid in enumerate(formular.ids()):
        if innehaller_personnummer(pid):  # the id is shown, exported and logged nowhere as a personnummer
            fel[falt_namn("id", index)] = PERSONNUMMER_I_ID
        elif pid in ids:
            fel[falt_namn("id", index)] = f"{pid!r} används redan för en annan person"
        ids.append(pid)
    return ids


def till_arende(system: Any, formular: Formular) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """The case JSON of the form, and the errors by field name. None when there is an error: the case
    is then not computed."""
    fel: dict[str, str] = {}
    for namn, las in (("period", las_manad), ("beslutsdatum", las_dag)):
        varde = getattr(formular, namn)
        if varde or namn == "period":
            try:
                las(varde, namn)
            except ArendeFel as e:
                fel[namn] = "ange månaden" if not varde else e.meddelande
    if not formular.personer:
        fel[""] = "ange minst en vuxen"
    if innehaller_personnummer(formular.hushall_id):
        fel["hushall-id"] = PERSONNUMMER_I_ID
    ids = _ids(formular, fel)
    personer = {ids[i]: _person_till_arende(system, formular, i, fel) for i in range(len(formular.personer))}
    hushall: dict[str, Any] = {grupp: [ids[i] for i, p in enumerate(formular.personer) if p.roll == roll]
                               for roll, grupp in ROLL_TILL_GRUPP.items()}
    for namn, text in formular.hushall.items():
        try:
            hushall[namn] = _tolka(system.variables[namn], text, falt_namn(namn))
        except ArendeFel as e:
            fel[falt_namn(namn)] = e.meddelande
    if fel:
        return None, fel
    arende: dict[str, Any] = {"period": formular.period, "personer": personer,
                              "hushallen": {formular.hushall_id: hushall}}
    if formular.beslutsdatum:
        arende["beslutsdatum"] = formular.beslutsdatum
    return arende, fel


def vem_for_sokvag(formular: Formular, sokvag: str) -> str:
    """Whose fact a case path is: hushall, or the person's role (vuxen or barn); "" if no one's in the form."""
    grupp, _, resten = sokvag.partition(".")
    if grupp == "hushallen":
        return HUSHALL
    pid = resten.partition(".")[0]
    ids = formular.ids()
    return formular.personer[ids.index(pid)].roll if grupp == "personer" and pid in ids else ""


def falt_for_sokvag(formular: Formular, sokvag: str) -> str:
    """The form field of a case path (``personer.anna.alder`` → ``personer-0-alder``); "" if none."""
    if sokvag in ("period", "beslutsdatum"):
        return sokvag
    delar = sokvag.split(".")
    if len(delar) >= 2 and delar[0] == "personer":
        ids = formular.ids()
        if delar[1] in ids:
            index = ids.index(delar[1])
            variabel = delar[2] if len(delar) > 2 else "roll"
            if variabel == HISTORIK:
                variabel = MANADER_MED_STOD
            return falt_namn(variabel if variabel in personvariabler(formular.personer[index].roll)
                             else "roll", index)
    if len(delar) >= 3 and delar[0] == "hushallen" and delar[2] in hushallsvariabler():
        return falt_namn(delar[2])
    return ""


def las(system: Any, formular: Formular) -> Arende | None:
    """The checked case of the form, or None with ``formular.fel`` filled in (by field)."""
    arende, formular.fel = till_arende(system, formular)
    if arende is None:
        return None
    try:
        return las_arende(arende, system)
    except ArendeFel as e:
        formular.fel[falt_for_sokvag(formular, e.falt)] = e.meddelande
        return None


# --- the case as a form ----------------------------------------------------------------------------------------


def _som_text(varde: Any) -> str:
    if isinstance(varde, bool):
        return "true" if varde else "false"
    if isinstance(varde, float) and varde.is_integer():
        return str(int(varde))
    return str(varde)


def _manader_i_folj(historik: dict[str, Any], period: str) -> int | None:
    """How many months in a row before ``period`` the history says yes to; None when the form's one number
    cannot say what the history says (another month, a gap, the case month itself)."""
    manad, antal = periods.period(period), 0
    while antal < HOGSTA_MANADER_MED_STOD and historik.get(str(manad.offset(-(antal + 1)))) is True:
        antal += 1
    return antal if historik == _historik(period, antal) else None


def _varde_for_manaden(varde: Any, period: str) -> tuple[Any, bool]:
    """(the value for the case month, whether other months were given too)."""
    if isinstance(varde, dict):
        return varde.get(period), bool(set(varde) - {period})
    return varde, False


def _fyll_person(formular: Formular, pid: str, data: dict[str, Any], roll: str) -> None:
    person = Person(pid, roll)
    for namn, varde in data.items():
        if namn == HISTORIK and isinstance(varde, dict) and varde:
            antal = _manader_i_folj(varde, formular.period)
            if antal is None:
                formular.anmarkningar.append(f"{pid}: historiken för {namn} kan inte visas som månader i följd")
            else:
                person.varden[MANADER_MED_STOD] = str(antal)
            continue
        manadens, fler = _varde_for_manaden(varde, formular.period)
        if fler:
            formular.anmarkningar.append(f"{pid}: {namn} har värden för andra månader än {formular.period}")
        if namn not in personvariabler(roll):
            formular.anmarkningar.append(f"{pid}: {namn} visas inte i formuläret för rollen {roll}")
        elif manadens is not None:
            person.varden[namn] = _som_text(manadens)
    formular.personer.append(person)


def fran_arende(data: dict[str, Any]) -> Formular:
    """The form filled in from a case in the JSON of ``bistand beslut`` (an example, or a YAML test case).

    What the form cannot show (values for other months, a history that is not a run of months) is listed
    in ``anmarkningar``; the page shows that list."""
    formular = Formular(period=str(data.get("period", "")), beslutsdatum=str(data.get("beslutsdatum") or ""))
    ((hushall_id, hushall),) = data["hushallen"].items()
    formular.hushall_id = hushall_id
    roller = {pid: roll for roll, grupp in ROLL_TILL_GRUPP.items() for pid in hushall.get(grupp, [])}
    for pid, person in data["personer"].items():
        _fyll_person(formular, pid, person, roller.get(pid, VUXEN))
    for namn, varde in hushall.items():
        if namn in ROLL_TILL_GRUPP.values():
            continue
        manadens, fler = _varde_for_manaden(varde, formular.period)
        if fler:
            formular.anmarkningar.append(f"hushållet: {namn} har värden för andra månader än {formular.period}")
        if namn in hushallsvariabler() and manadens is not None:
            formular.hushall[namn] = _som_text(manadens)
        elif namn == "beslutsdatum" and manadens is not None:
            formular.beslutsdatum = _som_text(manadens)
        elif namn not in hushallsvariabler():
            formular.anmarkningar.append(f"hushållet: {namn} visas inte i formuläret")
    return formular


# --- what the template shows at each field ---------------------------------------------------------------------


def hjalptext(system: Any, variabel: str, period: str, vem: str) -> str:
    """A short help text: why the fact is needed of ``vem`` (hushall, vuxen or barn: underlag.py) and the
    paragraph in force that month."""
    post = uppgift(variabel, vem)
    skal = post.skal if post else ""
    if variabel == MANADER_MED_STOD:
        return ("Antal månader i följd närmast före ansökningsmånaden då personen fick försörjningsstöd. "
                + _lagrum(system, HISTORIK, period))
    if skal:
        skal = skal.split(" (")[0][0].upper() + skal.split(" (")[0][1:] + ". "
    return skal + _lagrum(system, variabel, period)


def _lagrum(system: Any, variabel: str, period: str) -> str:
    try:
        dag = datetime.date.fromisoformat(f"{las_manad(period, 'period')}-01")
    except (ArendeFel, ValueError):
        dag = datetime.date.today()
    nycklar = lagrum_for_variabel(system.variables[variabel])
    texter = [t for t in (lagrum_text(n, dag) for n in nycklar[:1]) if t]
    return f"Lagrum: {'; '.join(texter)}." if texter else ""


def etikett(system: Any, variabel: str) -> str:
    if variabel == MANADER_MED_STOD:
        return "Månader i följd med försörjningsstöd före denna månad"
    return str(system.variables[variabel].label)


def som_falt(formular: Formular) -> dict[str, str]:
    """The form's fields as a browser posts them (name → text); empty fields are left out."""
    falt = {"period": formular.period, "beslutsdatum": formular.beslutsdatum, "reform": formular.reform,
            "regim": formular.regim, "hushall-id": formular.hushall_id}
    for index, person in enumerate(formular.personer):
        falt |= {falt_namn("id", index): person.id, falt_namn("roll", index): person.roll}
        falt |= {falt_namn(namn, index): varde for namn, varde in person.varden.items()}
    falt |= {falt_namn(namn): varde for namn, varde in formular.hushall.items()}
    return {namn: varde for namn, varde in falt.items() if varde}
