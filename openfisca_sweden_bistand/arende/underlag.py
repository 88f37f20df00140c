"""What an automated decision needs (*beslutsunderlag*): the one list of required facts.

An automated decision rests only on facts that were stated, checked and consistent. This table is
the one definition of the facts a decision needs, for the household, each adult and each child,
with the reason each is needed. Every fact that changes the amount is in it, and "0" must be said:
a fact left out is missing, never a silent 0. ``bistand beslut``, ``POST /beslut`` and the register
check a case against it (``saknade_uppgifter``) before the rules may decide; a case with a missing
fact goes to a caseworker with the fact named (``skal_saknade_uppgifter``). Through ``/calculate``
and ``/trace`` nothing is checked, so nothing is decided automatically there: the rules' variable
``uppgifter_kompletta`` is set only by this check, never by a caller (the case reader refuses it).

``bistand berakna`` may still compute with 0 for a missing fact, and says so on every affected line.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openfisca_core import periods

from openfisca_sweden_bistand.regelstod.poster import (
    EGET_ARBETE,
    HUSHALLSINKOMSTER,
    PERSONINKOMSTER,
)
from openfisca_sweden_bistand.regelstod.villkor import i_hushallsgemenskap_med_andra

if TYPE_CHECKING:
    from openfisca_sweden_bistand.arende.las import Arende

HUSHALL, VUXEN, BARN = "hushall", "vuxen", "barn"

SKAL_KOSTNAD = "en skälig kostnad som försörjningsstödet ska täcka (SoL 4 kap. 3 § / 12 kap. 7 § första stycket 2)"
SKAL_INKOMST = "en inkomst som räknas mot behovet (SoL 4 kap. 1 § / 12 kap. 1 §)"
SKAL_TILLGANG = "tillgångar kan tillgodose behovet på annat sätt (SoL 4 kap. 1 § / 12 kap. 1 §)"
BARNETS_INKOMSTSLAG = (
    "inkomst_av_anstallning", "inkomst_av_naringsverksamhet", "pension", "studiebidrag", "ovriga_inkomster",
)
SKAL_BARNS_INKOMST = "barnets inkomst täcker barnets andel av behovet (SoL 4 kap. 1 § / 12 kap. 1 §)"
# The household's incomes that are paid for its children: asked only of a household with children.
FOR_HUSHALLETS_BARN = ("barnbidrag", "underhallsstod")


@dataclass(frozen=True)
class Uppgift:
    """A fact a decision needs: a variable of the household, of each adult or of each child."""

    namn: str  # the OpenFisca variable
    vem: str  # HUSHALL, VUXEN or BARN
    skal: str  # why the decision needs it, in Swedish
    villkor: str = "alltid"  # when it is needed: a key of VILLKOR
    angiven: str = "manaden"  # how "given" is judged: a key of ANGIVEN

    def falt(self, entitet_id: str) -> str:
        return f"{'hushallen' if self.vem == HUSHALL else 'personer'}.{entitet_id}.{self.namn}"


UPPGIFTER: tuple[Uppgift, ...] = (
    Uppgift("boendekostnad", HUSHALL, SKAL_KOSTNAD),
    Uppgift("hushallsel", HUSHALL, SKAL_KOSTNAD),
    Uppgift("hemforsakring", HUSHALL, SKAL_KOSTNAD),
    Uppgift("personer_i_gemensamt_boende", HUSHALL,
            "om hushållet ingår i en hushållsgemenskap med andra: hushållets andel av de gemensamma kostnaderna "
            "(SoF (2025:468) 12 kap. 3 §); 0 = ingen sådan hushållsgemenskap (en inneboende med egen ekonomi ingår "
            "inte)"),
    Uppgift("boendekostnad_avser_hushallets_andel", HUSHALL,
            "i en hushållsgemenskap med andra ska boendekostnaden vara hushållets egen andel", villkor="delat_boende"),
    *(Uppgift(namn, HUSHALL, SKAL_INKOMST, villkor="har_barn" if namn in FOR_HUSHALLETS_BARN else "alltid")
      for namn in HUSHALLSINKOMSTER),
    Uppgift("tillgangar_sparande", HUSHALL, SKAL_TILLGANG),
    Uppgift("tillgangar_ovriga", HUSHALL, SKAL_TILLGANG),
    Uppgift("forsorjningsstod_foregaende_manad", HUSHALL,
            "förändringen mot föregående månad prövas (FL 23 §)", villkor="stod_forra_manaden"),
    Uppgift("antal_personer_foregaende_manad", HUSHALL,
            "ett ändrat hushåll utreds (FL 23 §)", villkor="stod_forra_manaden"),
    *(Uppgift(namn, VUXEN, SKAL_INKOMST) for namn in PERSONINKOMSTER),
    Uppgift("arbetsresor", VUXEN, SKAL_KOSTNAD),
    Uppgift("avgift_fackforening", VUXEN, SKAL_KOSTNAD),
    Uppgift("avgift_arbetsloshetskassa", VUXEN, SKAL_KOSTNAD),
    Uppgift("mottog_forsorjningsstod", VUXEN,
            "jobbstimulans: 25 % av lönen räknas inte efter sex månader i följd med stöd (SoL 4 kap. 1 b § / "
            "12 kap. 8 §); ange månaderna med stöd, antalet (manader_i_folj_med_stod) eller jobbstimulans_tillampas",
            villkor="anstallningsinkomst", angiven="historik_eller_jobbstimulans"),
    *(Uppgift(namn, BARN, SKAL_BARNS_INKOMST) for namn in BARNETS_INKOMSTSLAG),
    *(Uppgift("patientavgifter_tidigare", vem,
              "patientavgifter räknas bara upp till högkostnadsskyddet för tolv månader (hälso- och sjukvårdslagen "
              "(2017:30) 17 kap. 6 och 7 §§); ange vad som redan har betalats under perioden",
              villkor="patientavgifter") for vem in (VUXEN, BARN)),
    Uppgift("lakemedelskostnad_tidigare", VUXEN,
            "läkemedel räknas bara upp till kostnadstaket för ett år (lagen (2002:160) om läkemedelsförmåner m.m. "
            "5 §); ange vad som redan har betalats under perioden", villkor="lakemedelskostnad"),
    *(Uppgift("hogre_norm_belopp", vem,
              "ett särskilt skäl att beräkna normen till en högre nivå behöver merkostnadens belopp (SoL 4 kap. 3 § / "
              "12 kap. 7 § tredje stycket)", villkor="hogre_norm_skal") for vem in (VUXEN, BARN)),
    Uppgift("utestaende_forskott", HUSHALL,
            "en retroaktiv förmån räknas inte till den del den motsvarar förskott som ska betalas tillbaka (SoL "
            "33 kap. 2 §); ange utestående förskott, 0 om inget", villkor="retroaktiv_forman"),
    Uppgift("arbetsinkomst_tidigare_under_aret", BARN,
            "barns arbetsinkomst räknas inte upp till ett prisbasbelopp per kalenderår (SoL 4 kap. 1 a § / "
            "12 kap. 9 §); ange årets tidigare månader eller summan",
            villkor="barns_arbetsinkomst_efter_januari", angiven="tidigare_manader"),
)


def _manadens(data: dict[str, Any], namn: str, period: str) -> Any:
    return (data.get(namn) or {}).get(period)


def _personens(arende: Arende, person_id: str, namn: str) -> Any:
    return _manadens(arende.situation["personer"][person_id], namn, arende.period)


def _positivt(namn: str, hushall: bool = False) -> Callable[[Arende, str], bool]:
    """A fact is needed when the case gives ``namn`` above 0 for the same person (or the household)."""
    if hushall:
        return lambda a, e: (_manadens(a.hushall(), namn, a.period) or 0) > 0
    return lambda a, e: (_personens(a, e, namn) or 0) > 0


@functools.lru_cache(maxsize=256)
def _forra_manaden(period: str) -> str:
    return str(periods.period(period).offset(-1))


def fick_stod_forra_manaden(arende: Arende) -> bool:
    """Any adult of the household received försörjningsstöd the month before the case month."""
    forra = _forra_manaden(arende.period)
    return any(bool(_manadens(arende.situation["personer"][p], "mottog_forsorjningsstod", forra))
               or (_personens(arende, p, "manader_i_folj_med_stod") or 0) >= 1 for p in arende.roll("vuxna"))


# When a fact is needed: (case, entity id) -> bool.
VILLKOR: dict[str, Callable[[Arende, str], bool]] = {
    "alltid": lambda a, e: True,
    "har_barn": lambda a, e: bool(a.roll("barnen")),
    # The rule's own condition (variables/riksnorm.py, delat_boende): in a case every person is a member (the
    # reader refuses a child over the duty of support), so the members are the persons.
    "delat_boende": lambda a, e: bool(i_hushallsgemenskap_med_andra(
        _manadens(a.hushall(), "personer_i_gemensamt_boende", a.period) or 0, a.antal_personer(), a.antal_personer())),
    "stod_forra_manaden": lambda a, e: fick_stod_forra_manaden(a),
    "anstallningsinkomst": lambda a, e: (
        (_manadens(a.situation["personer"][e], "inkomst_av_anstallning", a.period) or 0) > 0),
    "patientavgifter": _positivt("patientavgifter"),
    "lakemedelskostnad": _positivt("lakemedelskostnad"),
    "retroaktiv_forman": _positivt("retroaktiv_forman", hushall=True),
    "hogre_norm_skal": lambda a, e: _personens(a, e, "hogre_norm_skal") not in (None, "ingen"),
    "barns_arbetsinkomst_efter_januari": lambda a, e: not a.period.endswith("-01") and any(
        _manadens(a.situation["personer"][e], namn, a.period) for namn in EGET_ARBETE),
}


def _historik_eller_jobbstimulans(a: Arende, e: str, namn: str) -> bool:
    person = a.situation["personer"][e]
    historik = any(m < a.period and v is not None for m, v in (person.get(namn) or {}).items())
    return historik or bool({"jobbstimulans_tillampas", "manader_i_folj_med_stod"} & a.angivna.get(e, set()))


def _tidigare_manader(a: Arende, e: str, namn: str) -> bool:
    if namn in a.angivna.get(e, set()):
        return True
    person = a.situation["personer"][e]
    ar = a.period[:4]
    tidigare = {m for inkomst in EGET_ARBETE for m in (person.get(inkomst) or {}) if m.startswith(ar) and m < a.period}
    return len(tidigare) >= int(a.period[5:]) - 1


# Whether a needed fact was given: (case, entity id, variable) -> bool.
ANGIVEN: dict[str, Callable[[Arende, str, str], bool]] = {
    "manaden": lambda a, e, namn: namn in a.angivna.get(e, set()),
    "historik_eller_jobbstimulans": _historik_eller_jobbstimulans,
    "tidigare_manader": _tidigare_manader,
}


_PER_NAMN_OCH_VEM = {(u.namn, u.vem): u for u in UPPGIFTER}


def uppgift(namn: str, vem: str) -> Uppgift | None:
    """The table's entry for the fact ``namn`` of ``vem`` (HUSHALL, VUXEN or BARN), None if it has none. A
    fact can be needed of an adult and of a child for different reasons (a child's income covers only the child)."""
    return _PER_NAMN_OCH_VEM.get((namn, vem))


def behovda(arende: Arende) -> list[tuple[str, Uppgift, bool]]:
    """The facts this case needs for a decision: (dotted field name, table entry, whether the case gives it),
    the household's first, then each adult's and each child's."""
    entiteter = [(HUSHALL, arende.hushall_id)] + [(VUXEN, p) for p in arende.roll("vuxna")] + [
        (BARN, p) for p in arende.roll("barnen")]
    return [
        (uppgift.falt(entitet_id), uppgift, ANGIVEN[uppgift.angiven](arende, entitet_id, uppgift.namn))
        for vem, entitet_id in entiteter
        for uppgift in UPPGIFTER
        if uppgift.vem == vem and VILLKOR[uppgift.villkor](arende, entitet_id)
    ]


def saknade(arende: Arende) -> list[tuple[str, Uppgift]]:
    """The facts this case needs for a decision and does not give: (dotted field name, table entry)."""
    return [(falt, uppgift) for falt, uppgift, angiven in behovda(arende) if not angiven]


def saknade_uppgifter(arende: Arende) -> list[str]:
    """The facts this case needs for a decision and does not give, as dotted field names."""
    return [falt for falt, _ in saknade(arende)]


INKOMSTER_PER_MANAD = PERSONINKOMSTER + HUSHALLSINKOMSTER + ("underhallsstod_for_barnet", "ej_raknad_inkomst")


def uppgifter_utanfor_manaden(arende: Arende) -> list[str]:
    """Values the case gives for months it is not about: any value after the case month, and an income
    for an earlier month (except a child's own work income earlier in the same year, which the yearly
    limit needs). A decision on such a case goes to a caseworker (skal_uppgifter_utanfor_manaden)."""
    barn = set(arende.roll("barnen"))
    fel = []
    for grupp, entiteter in arende.situation.items():
        for entitet_id, data in entiteter.items():
            for namn, varden in data.items():
                if not isinstance(varden, dict):
                    continue
                for manad, varde in varden.items():
                    if varde is None or manad == arende.period:
                        continue
                    historik = namn in EGET_ARBETE and entitet_id in barn and manad[:4] == arende.period[:4]
                    if manad > arende.period or (namn in INKOMSTER_PER_MANAD and not historik):
                        fel.append(f"{grupp}.{entitet_id}.{namn}.{manad}")
    return fel
