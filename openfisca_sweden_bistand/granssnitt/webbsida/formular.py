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

A fact a caseworker has confirmed (the source ``handlaggare`` of ``arende/kallor.py``, as in the example
``ateransokan_2026``) keeps its source in a hidden field beside it, ``<field>-kalla``: who confirmed it, on
what day, what was checked and the value confirmed (``Bekraftelse``). The source goes into the case's
``kallor`` while the field holds that value; a changed value is the applicant's word again.

The adults' SSBTEK answers are files (``ssbtek-N``, read by the view, ``vyer.py``), or an example's own answers
named by ``ssbtek-exempel`` (an example's name, never a path).
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from openfisca_core import periods

from openfisca_sweden_bistand import exempel
from openfisca_sweden_bistand.arende.kallor import HANDLAGGARE, Kalla
from openfisca_sweden_bistand.arende.las import (
    HOGSTA_ANTAL_PERSONER,
    OGILTIGT_ID,
    Arende,
    ArendeFel,
    giltigt_id,
    las_arende,
    las_dag,
    las_json,
    las_kommun,
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
ANTAL_I_FOLJ = "manader_i_folj_med_stod"  # the same history as one number: shown in the same field
KALLA = "-kalla"  # the hidden field of a field's source: ``hushall-boendekostnad-kalla``
HOGSTA_KALLTEXT = 1000  # characters of a source's hidden field (two texts of at most 200, a date, the value)
SSBTEK = "ssbtek"  # the fieldset of the register answers; an error of the answers together is shown there
SSBTEK_EXEMPEL = "ssbtek-exempel"  # the hidden field naming the example whose own answers are used


@dataclass(frozen=True)
class Faltgrupp:
    """A fieldset of the form: a heading, its variables, and whom it is for (vuxen, barn or alla)."""

    rubrik: str
    variabler: tuple[str, ...]
    vem: str = ALLA
    valfri: bool = False  # a situation few cases have: folded away unless it holds a value, an error or a need


PERSONGRUPPER: tuple[Faltgrupp, ...] = (
    Faltgrupp("Barnets förhållanden", ("skolungdom", "lunch_utanfor_hemmet"), BARN),
    Faltgrupp("Dagar i hushållet (umgänge, växelvis boende, in- eller utflyttning)", ("dagar_i_hushallet",),
              valfri=True),
    Faltgrupp("Arbete och planering", ("aktiv_arbetsmarknadsplanering", "kan_arbeta"), VUXEN),
    Faltgrupp("Studier", ("studerande_med_studiemedel",), VUXEN, valfri=True),
    Faltgrupp("Inkomster efter skatt", (*PERSONINKOMSTER, "underhallsstod_for_barnet",
                                        "arbetsinkomst_tidigare_under_aret")),
    Faltgrupp("Kostnader", ("arbetsresor", "avgift_fackforening", "avgift_arbetsloshetskassa"), VUXEN),
    Faltgrupp("Tidigare månader", (MANADER_MED_STOD, "jobbstimulans_tillampas"), VUXEN),
    Faltgrupp("Inkomst som inte räknas", ("ej_raknad_inkomst", "ej_raknad_inkomst_grund")),
    Faltgrupp("Vård och läkemedel", ("patientavgifter", "patientavgifter_tidigare", "lakemedelskostnad",
                                      "lakemedelskostnad_tidigare"), valfri=True),
    Faltgrupp("Riksnormen till en högre nivå", ("hogre_norm_skal", "hogre_norm_belopp"), valfri=True),
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
    Faltgrupp("Livsföring i övrigt", ("barnomsorgsavgift", "kostnad_tandvard", "kostnad_glasogon",
                                      "kostnad_hemutrustning", "kostnad_flytt", "kostnad_bredband"), valfri=True),
    Faltgrupp("Förskott på förmån", ("forskott_pa_forman", "utestaende_forskott", "retroaktiv_forman"), valfri=True),
    Faltgrupp("Tillgångar", ("tillgangar_sparande", "tillgangar_ovriga")),
    Faltgrupp("Föregående månad", ("forsorjningsstod_foregaende_manad", "antal_personer_foregaende_manad")),
    Faltgrupp("Sökt belopp och startdag", ("ansokt_belopp", "stod_fran_dag")),
)
# Facts the form asks for outside the groups (the month and the decision date are on top).
EGNA_FALT = ("alder", HISTORIK, ANTAL_I_FOLJ, "beslutsdatum")

_MELLANRUM = re.compile(r"[\s\u00a0\u202f]+")
_TAL = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,6})?")
_NAMN = re.compile(r"personer-(\d{1,3})-([a-z_]{1,60})")


def falt_namn(variabel: str, index: int | None = None) -> str:
    """The name (and id) of a form field: ``personer-0-alder`` or ``hushall-boendekostnad``."""
    return f"hushall-{variabel}" if index is None else f"personer-{index}-{variabel}"


def ssbtek_namn(index: int) -> str:
    """The name (and id) of an adult's file field for the SSBTEK answer: ``ssbtek-0``."""
    return f"{SSBTEK}-{index}"


@dataclass
class Person:
    """One person of the form, as typed: the id, the role, the raw text of each field and of each field's
    source (its hidden field, by variable)."""

    id: str
    roll: str
    varden: dict[str, str] = field(default_factory=dict)
    kallor: dict[str, str] = field(default_factory=dict)


def _jamforbar(text: str) -> str:
    """A value as typed, compared the way a number is typed: "7 400 kr" is "7400"."""
    return _MELLANRUM.sub("", text).removesuffix("kr").replace(",", ".")


@dataclass(frozen=True)
class Bekraftelse:
    """A caseworker's confirmation of one field's value (the source ``handlaggare``) as the form carries it: who,
    on what day, what was checked, and the value confirmed (as the form shows it)."""

    av: str
    datum: str
    anmarkning: str
    varde: str

    def galler(self, text: str) -> bool:
        """Whether the field still holds the value confirmed."""
        return _jamforbar(text) == _jamforbar(self.varde)

    def som_kalla(self) -> dict[str, str]:
        """The source in the case's ``kallor`` (checked there by ``arende.kallor.las_kalla``)."""
        return {"typ": HANDLAGGARE, "av": self.av, "datum": self.datum,
                **({"anmarkning": self.anmarkning} if self.anmarkning else {})}

    def text(self) -> str:
        """The source in Swedish, as the decision says it."""
        return Kalla(HANDLAGGARE, av=self.av, datum=self.datum, anmarkning=self.anmarkning).text()

    def som_falt(self) -> str:
        """The hidden field's value: compact JSON."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))


def las_bekraftelse(text: str, falt: str) -> Bekraftelse:
    """A source's hidden field: JSON with the texts of ``Bekraftelse``; anything else is an error at the field."""
    if len(text) > HOGSTA_KALLTEXT:
        raise ArendeFel(falt, f"källan är längre än {HOGSTA_KALLTEXT} tecken")
    try:
        data = las_json(text, "källan")
    except ArendeFel as fel:
        raise ArendeFel(falt, fel.meddelande) from None
    nycklar = ("av", "datum", "anmarkning", "varde")
    if not isinstance(data, dict) or set(data) - set(nycklar) or not all(isinstance(v, str) for v in data.values()):
        raise ArendeFel(falt, "källan kunde inte läsas: fyll i formuläret från exemplet igen")
    return Bekraftelse(*(data.get(nyckel, "") for nyckel in nycklar))


@dataclass
class Formular:
    """The form as typed (raw strings, shown again as they were), and what was found wrong with it."""

    period: str = ""
    beslutsdatum: str = ""
    kommun: str = ""  # a municipality's id (kommuner/), "" for the national defaults
    personer: list[Person] = field(default_factory=list)
    hushall: dict[str, str] = field(default_factory=dict)
    hushall_id: str = HUSHALL_ID
    reform: str = ""
    regim: str = ""
    hushall_kallor: dict[str, str] = field(default_factory=dict)  # a household field's source (hidden field)
    ssbtek_exempel: str = ""  # the example whose own SSBTEK answers are used (an example's name)
    fel: dict[str, str] = field(default_factory=dict)  # field name ("" for the whole form) -> message
    anmarkningar: list[str] = field(default_factory=list)  # what could not be shown in the form

    def ids(self) -> list[str]:
        """Each person's id in the case: as typed, or ``person1``, ``person2`` … when left empty."""
        return [person.id or f"person{index + 1}" for index, person in enumerate(self.personer)]

    def varde(self, namn: str) -> str:
        """The raw value of the field ``namn`` (for the template)."""
        if namn in ("period", "beslutsdatum", "kommun", "reform", "regim"):
            return str(getattr(self, namn))
        if namn.startswith("hushall-"):
            return self.hushall.get(namn.removeprefix("hushall-"), "")
        traff = _NAMN.fullmatch(namn)
        if traff and int(traff.group(1)) < len(self.personer):
            person = self.personer[int(traff.group(1))]
            return {"id": person.id, "roll": person.roll}.get(traff.group(2), person.varden.get(traff.group(2), ""))
        return ""

    def kalla(self, namn: str) -> str:
        """The raw text of the hidden source of the field ``namn`` ("" when it has none)."""
        if namn.startswith("hushall-"):
            return self.hushall_kallor.get(namn.removeprefix("hushall-"), "")
        traff = _NAMN.fullmatch(namn)
        if traff and int(traff.group(1)) < len(self.personer):
            return self.personer[int(traff.group(1))].kallor.get(traff.group(2), "")
        return ""


def ny_formular(idag: datetime.date) -> Formular:
    """An empty form for this month with one adult."""
    return Formular(period=f"{idag.year:04d}-{idag.month:02d}", personer=[Person("Sökande", VUXEN)])


# --- reading the form ------------------------------------------------------------------------------------------


def las_formular(data: Any) -> Formular:
    """The form as posted (a werkzeug MultiDict or a dict of strings), without judging the values yet.

    Persons are read in index order up to HOGSTA_ANTAL_PERSONER; a field name that is not the form's is
    ignored. Every value is kept as typed (at most 200 characters)."""
    def text(namn: str, langd: int = 200) -> str:
        varde = data.get(namn, "")
        return str(varde)[:langd].strip() if isinstance(varde, str) else ""

    formular = Formular(period=text("period"), beslutsdatum=text("beslutsdatum"), kommun=text("kommun", 40),
                        reform=text("reform"),
                        regim=text("regim"), hushall_id=text("hushall-id") or HUSHALL_ID,
                        ssbtek_exempel=text(SSBTEK_EXEMPEL))
    for index in range(HOGSTA_ANTAL_PERSONER):
        if f"personer-{index}-roll" not in data:
            break
        roll = text(f"personer-{index}-roll")
        person = Person(text(f"personer-{index}-id"), roll if roll in ROLL_TILL_GRUPP else VUXEN)
        for namn in personvariabler(person.roll):
            if varde := text(falt_namn(namn, index)):
                person.varden[namn] = varde
                if kalla := text(falt_namn(namn, index) + KALLA, HOGSTA_KALLTEXT + 1):
                    person.kallor[namn] = kalla
        formular.personer.append(person)
    for namn in hushallsvariabler():
        if varde := text(falt_namn(namn)):
            formular.hushall[namn] = varde
            if kalla := text(falt_namn(namn) + KALLA, HOGSTA_KALLTEXT + 1):
                formular.hushall_kallor[namn] = kalla
    return formular


def hogsta_antal_delar() -> int:
    """The most parts a multipart post of the form can have: for each of the most persons its id, role, every
    field and its source, and its SSBTEK file; every household field and its source; the rest; with room."""
    personfalt = set(personvariabler(VUXEN)) | set(personvariabler(BARN))
    return HOGSTA_ANTAL_PERSONER * (3 + 2 * len(personfalt)) + 2 * len(hushallsvariabler()) + 20


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


def _kalla_till_arende(text: str, kalla: str, falt: str, sokvag: str, kallor: dict[str, Any],
                       fel: dict[str, str]) -> None:
    """The field's confirmed source into the case's ``kallor`` (by the case path), while it holds that value."""
    if not kalla:
        return
    try:
        bekraftelse = las_bekraftelse(kalla, falt)
    except ArendeFel as e:
        fel[falt] = e.meddelande
        return
    if bekraftelse.galler(text):
        kallor[sokvag] = bekraftelse.som_kalla()


def _person_till_arende(system: Any, formular: Formular, index: int, fel: dict[str, str],
                        kallor: dict[str, Any]) -> dict[str, Any]:
    person = formular.personer[index]
    ut: dict[str, Any] = {}
    pid = formular.ids()[index]
    for namn, text in person.varden.items():
        falt = falt_namn(namn, index)
        sokvag = f"personer.{pid}.{HISTORIK if namn == MANADER_MED_STOD else namn}"
        _kalla_till_arende(text, person.kallor.get(namn, ""), falt, sokvag, kallor, fel)
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
        elif not giltigt_id(pid):
            fel[falt_namn("id", index)] = OGILTIGT_ID
        elif pid in ids:
            fel[falt_namn("id", index)] = f"{pid!r} används redan för en annan person"
        ids.append(pid)
    return ids


def _huvudfaltens_fel(formular: Formular) -> dict[str, str]:
    """The errors of the month, the decision date and the municipality, by field."""
    fel: dict[str, str] = {}
    for namn, las in (("period", las_manad), ("beslutsdatum", las_dag), ("kommun", las_kommun)):
        varde = getattr(formular, namn)
        if varde or namn == "period":
            try:
                las(varde, namn)
            except ArendeFel as e:
                fel[namn] = "ange månaden" if not varde else e.meddelande
    return fel


def till_arende(system: Any, formular: Formular) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """The case JSON of the form, and the errors by field name. None when there is an error: the case
    is then not computed."""
    fel = _huvudfaltens_fel(formular)
    if not formular.personer:
        fel[""] = "ange minst en vuxen"
    if innehaller_personnummer(formular.hushall_id):
        fel["hushall-id"] = PERSONNUMMER_I_ID
    elif not giltigt_id(formular.hushall_id):
        fel["hushall-id"] = OGILTIGT_ID
    ids = _ids(formular, fel)
    kallor: dict[str, Any] = {}
    personer = {ids[i]: _person_till_arende(system, formular, i, fel, kallor) for i in range(len(formular.personer))}
    hushall: dict[str, Any] = {grupp: [ids[i] for i, p in enumerate(formular.personer) if p.roll == roll]
                               for roll, grupp in ROLL_TILL_GRUPP.items()}
    for namn, text in formular.hushall.items():
        _kalla_till_arende(text, formular.hushall_kallor.get(namn, ""), falt_namn(namn),
                           f"hushallen.{formular.hushall_id}.{namn}", kallor, fel)
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
    if formular.kommun:
        arende["kommun"] = formular.kommun
    if kallor:
        arende["kallor"] = kallor
    return arende, fel


def vem_for_sokvag(formular: Formular, sokvag: str) -> str:
    """Whose fact a case path is: hushall, or the person's role (vuxen or barn); "" if no one's in the form."""
    grupp, _, resten = sokvag.partition(".")
    if grupp == "hushallen":
        return HUSHALL
    pid = resten.partition(".")[0]
    ids = formular.ids()
    return formular.personer[ids.index(pid)].roll if grupp == "personer" and pid in ids else ""


def falt_for_ssbtek(formular: Formular, falt: str) -> str:
    """The file field of an error in the SSBTEK answers (``ssbtek.sara.FK.lefiJsonSvar`` → ``ssbtek-0``), or the
    answers' fieldset (``ssbtek``) when the error is not one adult's."""
    for index, pid in enumerate(formular.ids()):
        if falt == f"{SSBTEK}.{pid}" or falt.startswith(f"{SSBTEK}.{pid}."):
            return ssbtek_namn(index)
    return SSBTEK


def falt_for_sokvag(formular: Formular, sokvag: str) -> str:
    """The form field of a case path (``personer.anna.alder`` → ``personer-0-alder``, a source's
    ``kallor.personer.anna.arbetsresor.datum`` → ``personer-0-arbetsresor``); "" if none."""
    if sokvag in ("period", "beslutsdatum"):
        return sokvag
    if sokvag == SSBTEK or sokvag.startswith(SSBTEK + "."):
        return falt_for_ssbtek(formular, sokvag)
    sokvag = sokvag.removeprefix("kallor.")
    delar = sokvag.split(".")
    if len(delar) >= 2 and delar[0] == "personer":
        ids = formular.ids()
        if delar[1] in ids:
            index = ids.index(delar[1])
            variabel = delar[2] if len(delar) > 2 else "roll"
            if variabel in (HISTORIK, ANTAL_I_FOLJ):
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
        if namn == ANTAL_I_FOLJ and isinstance(manadens, int) and 0 <= manadens <= HOGSTA_MANADER_MED_STOD:
            person.varden[MANADER_MED_STOD] = str(manadens)
        elif namn not in personvariabler(roll):
            formular.anmarkningar.append(f"{pid}: {namn} visas inte i formuläret för rollen {roll}")
        elif manadens is not None:
            person.varden[namn] = _som_text(manadens)
    formular.personer.append(person)


def fran_arende(data: dict[str, Any]) -> Formular:
    """The form filled in from a case in the JSON of ``bistand beslut`` (an example, or a YAML test case).

    What the form cannot show (values for other months, a history that is not a run of months) is listed
    in ``anmarkningar``; the page shows that list."""
    formular = Formular(period=str(data.get("period", "")), beslutsdatum=str(data.get("beslutsdatum") or ""),
                        kommun=str(data.get("kommun") or ""))
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
    _fyll_kallor(formular, data.get("kallor"))
    return formular


def _fyll_kallor(formular: Formular, kallor: Any) -> None:
    """Each caseworker's confirmation of the case (``kallor``) into the hidden field beside its fact; the
    applicant's own word is every fact's source anyway. What the form cannot carry is listed."""
    if not isinstance(kallor, dict):
        return
    ids = formular.ids()
    for sokvag, kalla in kallor.items():
        if isinstance(kalla, dict) and kalla.get("typ") == "sokande":
            continue
        grupp, _, rest = str(sokvag).partition(".")
        kandidater = ids if grupp == "personer" else [formular.hushall_id] if grupp == "hushallen" else []
        entitet = max((i for i in kandidater if rest.startswith(i + ".")), key=len, default=None)
        namn = rest[len(entitet) + 1:] if entitet is not None else ""
        if entitet is not None and grupp == "personer":
            person = formular.personer[ids.index(entitet)]
            namn = MANADER_MED_STOD if namn in (HISTORIK, ANTAL_I_FOLJ) else namn
            varden, mal = person.varden, person.kallor
        else:
            varden, mal = formular.hushall, formular.hushall_kallor
        if (not isinstance(kalla, dict) or kalla.get("typ") != HANDLAGGARE or entitet is None or namn not in varden
                or not all(isinstance(kalla.get(k, ""), str) for k in ("av", "datum", "anmarkning"))):
            formular.anmarkningar.append(f"källan till {sokvag} visas inte i formuläret")
            continue
        mal[namn] = Bekraftelse(kalla.get("av", ""), kalla.get("datum", ""), kalla.get("anmarkning", ""),
                                varden[namn]).som_falt()


def fran_exempel(namn: str) -> Formular:
    """The form filled in from an embedded example, with its own SSBTEK answers when it has any (KeyError: no
    such example)."""
    formular = fran_arende(exempel.arende(namn))
    if exempel.ssbtek(namn):
        formular.ssbtek_exempel = namn
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


def _dag(period: str) -> datetime.date:
    """The first day of the form's month (today while the month is not a valid one)."""
    try:
        return datetime.date.fromisoformat(f"{las_manad(period, 'period')}-01")
    except (ArendeFel, ValueError):
        return datetime.date.today()


def ssbtek_lagrum(dag: datetime.date) -> str:
    """The legal basis of the agencies' duty to answer the socialnämnd (what SSBTEK carries), in force on ``dag``."""
    return lagrum_text("uppgiftsskyldighet", dag)


def ssbtek_hjalptext(period: str) -> str:
    """What the page says of the SSBTEK answers: what they are, one person each, how they are read and kept."""
    lagrum = ssbtek_lagrum(_dag(period))
    return ("SSBTEK, den sammansatta bastjänsten för ekonomiskt bistånd, ger socialtjänsten uppgifter om en person "
            "från Arbetsförmedlingen, CSN, Försäkringskassan och Pensionsmyndigheten, arbetslöshetskassorna, "
            "Skatteverket, Transportstyrelsen och Migrationsverket. Ett svar gäller en person: välj varje vuxens "
            "eget svar (SSBTEK version 10, en XML-fil). Registrens belopp ersätter de angivna, och varje jämförelse "
            "visas under ”Kontroll mot registren”. Svaret läses i minnet utan DTD, entiteter eller nätverksanrop "
            "och sparas aldrig; när ett beslut förs in i beslutsregistret antecknas bara svarets "
            "SHA-256-kontrollsumma." + (f" Lagrum: {lagrum}." if lagrum else ""))


def _lagrum(system: Any, variabel: str, period: str) -> str:
    dag = _dag(period)
    nycklar = lagrum_for_variabel(system.variables[variabel])
    texter = [t for t in (lagrum_text(n, dag) for n in nycklar[:1]) if t]
    return f"Lagrum: {'; '.join(texter)}." if texter else ""


ETIKETTER = {"period": "Månad som ansökan gäller", "beslutsdatum": "Beslutsdatum", "kommun": "Kommunens riktlinjer",
             "reform": "Jämför med reform", "regim": "Jämför med delegation", "hushall-id": "Hushållets beteckning",
             SSBTEK: "Registersvar (SSBTEK)"}


def faltets_etikett(system: Any, formular: Formular, namn: str) -> str:
    """A form field's name in the law's words, for the error summary: "anna: Ålder" for ``personer-0-alder``."""
    if namn in ETIKETTER:
        return ETIKETTER[namn]
    if namn.startswith("hushall-") and namn.removeprefix("hushall-") in system.variables:
        return etikett(system, namn.removeprefix("hushall-"))
    traff = _NAMN.fullmatch(namn)
    if traff:
        index, variabel = int(traff.group(1)), traff.group(2)
        vem = formular.ids()[index] if index < len(formular.personer) else f"person {index + 1}"
        if variabel == "id":
            return f"{vem}: namn eller beteckning"
        if variabel in system.variables or variabel == MANADER_MED_STOD:
            return f"{vem}: {etikett(system, variabel)}"
    return namn


def etikett(system: Any, variabel: str) -> str:
    if variabel == MANADER_MED_STOD:
        return "Månader i följd med försörjningsstöd före denna månad"
    return str(system.variables[variabel].label)


def som_falt(formular: Formular) -> dict[str, str]:
    """The form's fields as a browser posts them (name → text); empty fields are left out."""
    falt = {"period": formular.period, "beslutsdatum": formular.beslutsdatum, "kommun": formular.kommun,
            "reform": formular.reform,
            "regim": formular.regim, "hushall-id": formular.hushall_id, SSBTEK_EXEMPEL: formular.ssbtek_exempel}
    for index, person in enumerate(formular.personer):
        falt |= {falt_namn("id", index): person.id, falt_namn("roll", index): person.roll}
        falt |= {falt_namn(namn, index): varde for namn, varde in person.varden.items()}
        falt |= {falt_namn(namn, index) + KALLA: kalla for namn, kalla in person.kallor.items()}
    falt |= {falt_namn(namn): varde for namn, varde in formular.hushall.items()}
    falt |= {falt_namn(namn) + KALLA: kalla for namn, kalla in formular.hushall_kallor.items()}
    return {namn: varde for namn, varde in falt.items() if varde}
