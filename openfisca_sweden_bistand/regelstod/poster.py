"""The parts of the calculation and their items (*poster*), in one declarative table.

    försörjningsstöd = max(0, riksnorm + skäliga kostnader − räknade inkomster)
    ekonomiskt bistånd = max(0, riksnorm + skäliga kostnader + livsföring i övrigt − räknade inkomster)

Each part lists its items: the variable, whether it is a person's or the household's, and the key of
its provision in ``lagrum.py``. The formulas that sum a part (``skaliga_kostnader``,
``inkomster_person``, ``raknade_inkomster``, ``ej_raknade_inkomster_person``, ``ej_raknade_inkomster``)
iterate over this table, and the line-by-line explanation (``forklaring/berakning.py``) walks it, so
an item added here is both counted and shown. Every income is a monthly amount after tax (netto).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Literal

from openfisca_core.indexed_enums import Enum

from openfisca_sweden_bistand import PARAMETERKATALOG
from openfisca_sweden_bistand.regelstod.paketfiler import las_paketfil

Entitet = Literal["person", "hushall"]
PERSON: Entitet = "person"
HUSHALL: Entitet = "hushall"

# The parts, in the order of the formula (the values are the ``del`` of each line in the JSON).
RIKSNORM, SKALIGA, INKOMSTER, EJ_RAKNADE = "riksnorm", "skaliga_kostnader", "raknade_inkomster", "ej_raknade_inkomster"
LIVSFORING = "livsforing_i_ovrigt"


@dataclass(frozen=True)
class Post:
    """One item of a part of the calculation."""

    variabel: str  # the OpenFisca variable whose amount the line shows
    entitet: Entitet  # PERSON: one line per person with an amount; HUSHALL: one line for the household
    lagrum: tuple[str, ...]  # keys in lagrum.py: the provisions applied
    text: str | None = None  # the line's wording; None: the variable's label
    fakta: str | None = None  # the fact given in the case, when it is not the variable itself
    for_hushallsmedlem: bool = True  # False: counts only for a person who is not a household member
    alltid: bool = False  # shown even when the amount is 0


RIKSNORM_LAGRUM = ("riksnorm_poster", "riksnorm_belopp")
KOSTNAD_LAGRUM = ("skaliga_kostnader",)
INKOMST_LAGRUM = ("ratt_till_bistand",)

RIKSNORMPOSTER = (
    Post("riksnorm_personliga_kostnader", PERSON, RIKSNORM_LAGRUM, alltid=True),
    Post("riksnorm_gemensamma_hushallskostnader", HUSHALL, RIKSNORM_LAGRUM, alltid=True),
    Post("riksnorm_hogre_niva", PERSON, ("riksnorm_annan_niva", "hogre_niva")),
    Post("kommunalt_tillagg_till_riksnormen", PERSON, ("kommunalt_tillagg",)),
)

KOSTNADSPOSTER = (
    Post("skalig_boendekostnad", HUSHALL, KOSTNAD_LAGRUM, "Boendekostnad", fakta="boendekostnad", alltid=True),
    Post("hushallsel", HUSHALL, KOSTNAD_LAGRUM),
    Post("hemforsakring", HUSHALL, KOSTNAD_LAGRUM),
    Post("arbetsresor", PERSON, KOSTNAD_LAGRUM),
    Post("avgift_fackforening", PERSON, KOSTNAD_LAGRUM),
    Post("avgift_arbetsloshetskassa", PERSON, KOSTNAD_LAGRUM),
)

# Bistånd till livsföring i övrigt (SoL 2001:453 4 kap. 1 § / SoL 2025:400 12 kap. 1 §): by rule up to a ceiling
# or the municipality's taxa, or proposed as applied for and assessed by a caseworker (LIVSFORING_BEDOMS).
LIVSFORING_LAGRUM = ("livsforing_i_ovrigt",)
# Each with the open term (riktlinjer.livsforing.<key>) up to which a municipality's guidelines grant it by rule.
LIVSFORING_RIKTLINJE = {
    "kostnad_tandvard": "tandvard", "kostnad_glasogon": "glasogon", "kostnad_hemutrustning": "hemutrustning",
    "kostnad_flytt": "flytt", "kostnad_bredband": "bredband",
}
LIVSFORING_BEDOMS = tuple(LIVSFORING_RIKTLINJE)
LIVSFORINGSPOSTER = (
    Post("godtagbara_patientavgifter", HUSHALL, (*LIVSFORING_LAGRUM, "hogkostnadsskydd_oppen_vard")),
    Post("godtagbar_lakemedelskostnad", PERSON, (*LIVSFORING_LAGRUM, "hogkostnadsskydd_lakemedel")),
    Post("barnomsorgsavgift", HUSHALL, (*LIVSFORING_LAGRUM, "maxtaxa")),
    *(Post(namn, HUSHALL, LIVSFORING_LAGRUM) for namn in LIVSFORING_BEDOMS),
)
# Facts that only bound a line's amount: the line they belong to (a fact not given is marked there).
FAKTA_FOR_RAD = {
    "patientavgifter": "godtagbara_patientavgifter", "patientavgifter_tidigare": "godtagbara_patientavgifter",
    "lakemedelskostnad": "godtagbar_lakemedelskostnad", "lakemedelskostnad_tidigare": "godtagbar_lakemedelskostnad",
}

# The income types (inkomstslag) are dated lists in parameters/inkomster/raknas.yaml: the formulas sum the list in
# force in the month (``inkomstslag``). Here, every type any list names, in order, for the tables that show or ask
# for them (the explanation, the facts a decision needs, the web form).
RAKNAS = "inkomster.raknas"
PERSONENS, FOR_BARNET, HUSHALLETS, EGNA_ARBETET = "personens", "for_barnet", "hushallets", "eget_arbete"


@functools.cache
def _raknas() -> Any:
    with (PARAMETERKATALOG / "inkomster" / "raknas.yaml").open(encoding="utf-8") as fil:
        return las_paketfil(fil)


def _alla_som_listas(lista: str) -> tuple[str, ...]:
    varden = _raknas()[lista]["values"]
    return tuple(dict.fromkeys(namn for dag in sorted(varden) for namn in varden[dag]["value"]))


def inkomstslag(parameters: Any, period: Any, lista: str) -> list[str]:
    """The income types of ``lista`` (PERSONENS, FOR_BARNET, HUSHALLETS, EGNA_ARBETET) in force in ``period``."""
    return list(getattr(parameters(period).inkomster.raknas, lista))


# A person's incomes:
PERSONINKOMSTER = _alla_som_listas(PERSONENS)
# Paid for a child, given on the child (it covers only the child's share of the need).
BARNINKOMSTER = _alla_som_listas(FOR_BARNET)
# Given with a basis for not counting it: shown among the incomes, and disregarded below.
EJ_RAKNADE_INKOMSTER = ("ej_raknad_inkomst",)
# The household's incomes.
HUSHALLSINKOMSTER = _alla_som_listas(HUSHALLETS)
# Own work income (inkomster av eget arbete) in the sense of SoL 4 kap. 1 a § / 12 kap. 9 §.
EGET_ARBETE = _alla_som_listas(EGNA_ARBETET)

INKOMSTPOSTER = (
    *(Post(namn, PERSON, INKOMST_LAGRUM) for namn in PERSONINKOMSTER + BARNINKOMSTER + EJ_RAKNADE_INKOMSTER),
    *(Post(namn, HUSHALL, INKOMST_LAGRUM) for namn in HUSHALLSINKOMSTER),
)

EJ_RAKNADE_POSTER = (
    Post("barns_arbetsinkomst_ej_raknad", PERSON, ("barns_arbetsinkomst",),
         "arbetsinkomst som inte räknas (hemmavarande barn eller skolungdom, upp till ett prisbasbelopp per år)"),
    Post("jobbstimulans_ej_raknad", PERSON, ("jobbstimulans",),
         "jobbstimulans, 25 % av inkomst av anställning räknas inte"),
    Post("ej_raknad_inkomst", PERSON, ("inkomster",), "inkomst som inte räknas in (angiven grund)"),
    Post("barnets_inkomst_over_andel", PERSON, ("inkomster",),
         "barnets inkomst över barnets andel av behovet (barn försörjer inte föräldrarna)"),
    Post("inkomst_utanfor_hushallet", PERSON, ("hushall",), "inkomst för en person som inte hör till hushållet",
         for_hushallsmedlem=False),
    Post("underhallsstod_over_andel", HUSHALL, ("inkomster",),
         "underhållsstöd över barnens andelar av behovet (barn försörjer inte föräldrarna)"),
    Post("forskott_att_aterkrava", HUSHALL, ("forskott_aterkrav",),
         "retroaktiv förmån som motsvarar utestående förskott (återkravet prövas av handläggare)"),
)

DELAR: dict[str, tuple[Post, ...]] = {
    RIKSNORM: RIKSNORMPOSTER,
    SKALIGA: KOSTNADSPOSTER,
    LIVSFORING: LIVSFORINGSPOSTER,
    INKOMSTER: INKOMSTPOSTER,
    EJ_RAKNADE: EJ_RAKNADE_POSTER,
}


def variabler(poster: tuple[Post, ...], entitet: Entitet, for_hushallsmedlem: bool | None = None) -> tuple[str, ...]:
    """The variables of ``poster`` on ``entitet`` (with ``for_hushallsmedlem``, only those items)."""
    return tuple(
        p.variabel for p in poster
        if p.entitet == entitet and (for_hushallsmedlem is None or p.for_hushallsmedlem == for_hushallsmedlem)
    )


def fakta(poster: tuple[Post, ...]) -> tuple[str, ...]:
    """The facts a case gives for ``poster``."""
    return tuple(p.fakta or p.variabel for p in poster)


def del_for_fakta(namn: str) -> str | None:
    """The part a fact given in a case belongs to: a reasonable cost, livsföring i övrigt, an income, or None for a
    fact that is no line of the calculation (assets, last month's amount: never shown as an income)."""
    if namn in fakta(KOSTNADSPOSTER):
        return SKALIGA
    if namn in fakta(LIVSFORINGSPOSTER) or namn in FAKTA_FOR_RAD:
        return LIVSFORING
    if namn in fakta(INKOMSTPOSTER):
        return INKOMSTER
    return None


def variabel_for_fakta(namn: str) -> str:
    """The variable whose line shows the fact ``namn`` (the fact itself, or e.g. skalig_boendekostnad)."""
    rad = next((p.variabel for poster in DELAR.values() for p in poster if p.fakta == namn), None)
    return rad or FAKTA_FOR_RAD.get(namn, namn)


class EjRaknadInkomstGrund(Enum):
    ingen = "Ingen sådan inkomst"
    merkostnadsersattning = "Merkostnadsersättning (tidigare handikappersättning)"
    vardbidrag_omkostnadsdel = "Omkostnadsdelen av vårdbidrag eller omvårdnadsbidrag"
    ideellt_skadestand = "Ideellt skadestånd"
    csn_tillagg = "CSN:s tilläggsbidrag för merkostnader"
    annan = "Annan grund (prövas av handläggare)"
