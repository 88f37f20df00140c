"""A renewal compared with what the registers report (*jämförelse*), one check (*kontroll*) per fact.

For the case month M, the registers' payments of the control month (M − ``kontrollmanad``, by the nämnd's
policy ``parameters/kontroll/manader.yaml``) are compared with what the application declares for M: a payment
counts in the month it is paid out (inkomstprincipen). A benefit with no payment in the control month but
one in the comparison month (M − ``jamforelsemanad``) takes that month's amount, and a caseworker is told; a
benefit whose amount changed between the two months beyond the tolerance is flagged the same way.

Each check has a result:

- ``stammer``: the register confirms the declared amount within the nämnd's tolerance (or confirms that
  there is no such payment; a fact the application leaves out and the register shows none of is 0);
- ``avviker``: both give an amount, further apart than the tolerance;
- ``saknas_i_ansokan``: the register shows a payment the application does not declare;
- ``ej_kontrollerbar``: the agency was not asked, answered with an error, the person has no answer, the
  answer cannot be known to cover the control month, a payment's code is unknown, or a payment is dated
  after the answer was fetched: never read as "no income";
- ``upplysning``: what the registers show beyond the amounts (registration at Arbetsförmedlingen, study
  support, capital income, vehicles, residence permits, retroactive payments, a changed income), with
  ``kraver_handlaggare`` when a caseworker must assess it.

An answer is about a person when it carries an identity (in any agency's block), and two adults' answers may
be neither the same person nor the same answer (the same bytes). An answer covers the control month when it
says when it was asked (``frageTidpunkt``, the asker's own time,
echoed) and that is after the control month's last day and not after the decision day: an answer fetched
before the month was over lacks its last payments, so its "no payment" confirms nothing, and one dated after
the decision cannot have been the decision's ground. An answer that does not cover the control month checks
nothing for that person (every agency's facts ``ej_kontrollerbar``), and so does one without an identity.

Where the register answered, its amount is the fact the calculation uses (source ``register``); the declared
amount is kept in the check. Underhållsstöd is paid to a parent for the children and compared as the
household's sum; its per-child amounts stay as declared. Only the adults (the applicant and a spouse or
sambo) are asked: one SSBTEK answer is one person. Nothing here builds a simulation.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from openfisca_sweden_bistand import text
from openfisca_sweden_bistand.arende.kallor import (
    MYNDIGHETSNAMN,
    REGISTER,
    Kalla,
    Utbetalningsuppgift,
    iso,
    kalla_fran_dict,
)
from openfisca_sweden_bistand.arende.las import Arende, ArendeFel
from openfisca_sweden_bistand.kontroll import formankoder
from openfisca_sweden_bistand.kontroll.registersvar import MYNDIGHETER, PM, Myndighetssvar, Registersvar, Utbetalning
from openfisca_sweden_bistand.kontroll.ssbtek import TIDSZON, person_i_falt

STAMMER, AVVIKER, SAKNAS_I_ANSOKAN, EJ_KONTROLLERBAR, UPPLYSNING = (
    "stammer", "avviker", "saknas_i_ansokan", "ej_kontrollerbar", "upplysning")
KONTROLLRESULTAT = {STAMMER: "stämmer", AVVIKER: "avviker", SAKNAS_I_ANSOKAN: "saknas i ansökan",
                    EJ_KONTROLLERBAR: "kan inte kontrolleras", UPPLYSNING: "upplysning"}
# Household incomes paid to an adult; underhållsstöd is compared with the household's and the children's sum.
HUSHALLETS = ("bostadsbidrag", "barnbidrag", "underhallsstod")
UNDERHALLSSTOD_FOR_BARNET = "underhallsstod_for_barnet"
# What an agency's facts touch besides the incomes it pays: the variable its check names.
BERORDA = {"AF": "aktiv_arbetsmarknadsplanering", "SKV": "tillgangar_sparande", "TNS": "tillgangar_ovriga",
           "MIV": None}


@dataclass(frozen=True)
class Kontroll:
    """One check: a person's (or the household's) fact against one agency's answer."""

    person: str | None
    kalla: str  # AF, CSN, FK, PM, SKV, SO, TNS, MIV
    variabel: str | None
    manad: str  # the register month compared (YYYY-MM)
    ansokan: float | None
    register: float | None
    resultat: str
    text: str
    kraver_handlaggare: bool
    utbetalningar: tuple[Utbetalningsuppgift, ...] = ()

    def blockerar(self) -> bool:
        """Whether this check keeps the decision from being made automatically."""
        return self.resultat in (AVVIKER, SAKNAS_I_ANSOKAN, EJ_KONTROLLERBAR) or self.kraver_handlaggare

    def som_dict(self) -> dict[str, Any]:
        return {
            "person": self.person, "kalla": self.kalla, "variabel": self.variabel, "manad": self.manad,
            "ansokan": self.ansokan, "register": self.register, "resultat": self.resultat, "text": self.text,
            "kraver_handlaggare": self.kraver_handlaggare, "utbetalningar": [vars(u) for u in self.utbetalningar],
        }

    @classmethod
    def fran_dict(cls, data: dict[str, Any]) -> Kontroll:
        return cls(**{**data, "utbetalningar": tuple(Utbetalningsuppgift(**u) for u in data["utbetalningar"])})


@dataclass(frozen=True)
class Svarsuppgift:
    """What the decision keeps of one answer: whose, its checksum, when fetched, each agency's state."""

    person: str
    sha256: str
    hamtad: str | None
    myndigheter: dict[str, str]  # agency -> "data", "fel" (not asked: absent)

    def som_dict(self) -> dict[str, Any]:
        return {"person": self.person, "sha256": self.sha256, "hamtad": self.hamtad, "myndigheter": self.myndigheter}


@dataclass(frozen=True)
class Registerkontroll:
    """The comparison's outcome: every check, the facts the registers give (field → amount) and their sources.

    The decision register stores it (``som_dict``), so that a decision is replayed on the same facts without
    the answers themselves, which it never keeps."""

    kontroller: tuple[Kontroll, ...] = ()
    fakta: dict[str, float] = field(default_factory=dict)
    kallor: dict[str, Kalla] = field(default_factory=dict)
    svar: tuple[Svarsuppgift, ...] = ()

    def som_dict(self) -> dict[str, Any]:
        return {
            "kontroller": [k.som_dict() for k in self.kontroller],
            "fakta": self.fakta,
            "kallor": {falt: kalla.som_dict() for falt, kalla in self.kallor.items()},
            "svar": [s.som_dict() for s in self.svar],
        }

    @classmethod
    def fran_dict(cls, data: dict[str, Any]) -> Registerkontroll:
        """The check as the decision register recorded it (``som_dict``)."""
        return cls(tuple(Kontroll.fran_dict(k) for k in data["kontroller"]), dict(data["fakta"]),
                   {falt: kalla_fran_dict(kalla) for falt, kalla in data["kallor"].items()},
                   tuple(Svarsuppgift(**s) for s in data["svar"]))


@dataclass(frozen=True)
class Parametrar:
    """The nämnd's policy for the check, on the decision day (parameters/kontroll/)."""

    kontrollmanad: int
    jamforelsemanad: int
    tolerans: float
    kapitalinkomst: float
    uppehallstillstand_dagar: int
    fordon_provas_av_handlaggare: bool

    @classmethod
    def fran_system(cls, system: Any, dag: datetime.date) -> Parametrar:
        kontroll = system.parameters.kontroll(dag.isoformat())  # the policy's own node: not the whole tree
        return cls(int(kontroll.manader.kontrollmanad), int(kontroll.manader.jamforelsemanad),
                   float(kontroll.granser.tolerans), float(kontroll.granser.kapitalinkomst),
                   int(kontroll.granser.uppehallstillstand_dagar), bool(kontroll.granser.fordon_provas_av_handlaggare))


def _dag(tid: datetime.datetime) -> datetime.date:
    """The day of a time, in Swedish time."""
    return tid.astimezone(TIDSZON).date()


def _manad(dag: datetime.date) -> str:
    return f"{dag.year:04d}-{dag.month:02d}"


def _forsta(manad: str) -> datetime.date:
    return datetime.date(int(manad[:4]), int(manad[5:7]), 1)


def _sista(manad: str) -> datetime.date:
    ar, nummer = int(manad[:4]), int(manad[5:7])
    return datetime.date(ar, nummer, calendar.monthrange(ar, nummer)[1])


def _fore(manad: str, antal: int) -> str:
    """The month ``antal`` months before ``manad`` (YYYY-MM)."""
    ar, nummer = divmod(int(manad[:4]) * 12 + int(manad[5:7]) - 1 - antal, 12)
    return f"{ar:04d}-{nummer + 1:02d}"


def _kr(belopp: float | None) -> str:
    return text.kr(round(belopp, 2)) if belopp is not None else "–"


def _uppgift(u: Utbetalning) -> Utbetalningsuppgift:
    period = None
    if u.period_fran or u.period_till:
        period = "–".join(dag.isoformat() if dag else "" for dag in (u.period_fran, u.period_till))
    return Utbetalningsuppgift(u.utbetalningsdag.isoformat(), round(u.belopp, 2), u.formankod, period)


def _status(svar: Registersvar | None, myndighet: str) -> tuple[bool, str]:
    """(answered with data, why not in Swedish) for an agency, or for PM inside Försäkringskassan's answer."""
    namn = MYNDIGHETSNAMN[myndighet]
    if svar is None:
        return False, "ingen registerfråga (SSBTEK) för personen"
    block = svar.svar("FK" if myndighet == PM else myndighet)
    if block is None:
        return False, f"{namn} tillfrågades inte"
    if block.fel is not None:
        felkalla = "SSBTEK" if block.fel.kalla == "SSBT" else namn
        return False, f"{namn} svarade med fel (felet uppstod hos {felkalla}, felkod {block.fel.felkod})"
    if myndighet in (PM, "FK"):  # only a provider LEFI names as OK contributed: none named is none delivered
        tillstand = block.utlamnare.get(myndighet)
        if tillstand is None:
            return False, f"LEFI-svaret anger inte att {namn} lämnade uppgifter (ingen utlämnare {myndighet})"
        if tillstand != "OK":
            return False, f"{namn} kunde inte lämna uppgifter (LEFI: {tillstand})"
    return True, ""


HOGSTA_PERIOD = datetime.timedelta(days=31)  # a payment covering a longer period is several months' worth


def _flera_manader(u: Utbetalning) -> bool:
    """A payment for more than a month's worth of days (a sum for several months): a daily benefit paid for
    19 January–15 February is one month's pay; bostadsbidrag for three months at once is not."""
    return bool(u.period_fran and u.period_till and u.period_till - u.period_fran >= HOGSTA_PERIOD)


@dataclass
class _Person:
    """The payments of one adult's answer, summed per income variable and month, and the checks they raise."""

    person: str
    svar: Registersvar
    manader: tuple[str, str]  # (control month, comparison month)
    benefit_manad: str
    sista_dag: datetime.date  # the last day an effected payment can be dated: when the answer was fetched
    summor: dict[tuple[str, str], float] = field(default_factory=dict)
    betalningar: dict[tuple[str, str], list[Utbetalning]] = field(default_factory=dict)
    kontroller: list[Kontroll] = field(default_factory=list)
    # payments of the comparison month that a caseworker judges (formankoder HANDLAGGARE), by benefit code,
    # with the benefit's meaning
    tidigare_bedomda: dict[str, list[tuple[Utbetalning, str]]] = field(default_factory=dict)

    def las(self) -> None:
        for block in self.svar.myndigheter.values():
            for utbetalning in block.utbetalningar:
                self._en(utbetalning)
        bedomda = {k.utbetalningar[0].formankod for k in self.kontroller if k.utbetalningar and k.kraver_handlaggare}
        for kod, utbetalningar in self.tidigare_bedomda.items():
            if kod in bedomda:  # the control month's payment of the same benefit is already for a caseworker
                continue
            for u, betydelse in utbetalningar:  # as a compared income's comparison month fills a gap, say so
                self._rad(u, UPPLYSNING, f"{MYNDIGHETSNAMN.get(u.myndighet, u.myndighet)}: {betydelse}, "
                                         f"{_kr(u.belopp)} utbetald {u.utbetalningsdag.isoformat()} men inget i "
                                         f"{text.manad(self.manader[0])}; om och hur den räknas bedöms av en "
                                         "handläggare", True)

    def _rad(self, u: Utbetalning, resultat: str, beskrivning: str, kraver: bool, variabel: str | None = None) -> None:
        self.kontroller.append(Kontroll(self.person, u.myndighet, variabel, _manad(u.utbetalningsdag), None,
                                        round(u.belopp, 2), resultat, beskrivning, kraver, (_uppgift(u),)))

    def _en(self, u: Utbetalning) -> None:
        manad = _manad(u.utbetalningsdag)
        namn = MYNDIGHETSNAMN.get(u.myndighet, u.myndighet)
        if u.preliminar:
            if manad == self.benefit_manad:
                self._rad(u, UPPLYSNING, f"{namn}: {u.beskrivning or u.formankod}, preliminär utbetalning "
                                         f"{_kr(u.belopp)} planerad {u.utbetalningsdag.isoformat()}", False)
            return
        if u.utbetalningsdag > self.sista_dag:
            self._rad(u, EJ_KONTROLLERBAR, f"{namn}: {u.beskrivning or u.formankod}, utbetalning {_kr(u.belopp)} "
                                           f"daterad {u.utbetalningsdag.isoformat()}, efter att svaret hämtades "
                                           f"({self.sista_dag.isoformat()}); svaret kan inte stämma", True)
            return
        if manad == self.benefit_manad:
            self._rad(u, UPPLYSNING, f"{namn}: {u.beskrivning or u.formankod}, {_kr(u.belopp)} utbetald "
                                     f"{u.utbetalningsdag.isoformat()}, i ärendets månad", False)
            return
        if manad not in self.manader:
            return
        rad = formankoder.formankod(u.formankod, u.utbetalningsdag)
        if rad is None:
            self._rad(u, EJ_KONTROLLERBAR, f"{namn}: okänd förmånskod {u.formankod} ({u.beskrivning}); "
                                           "utbetalningen kan inte hänföras till en inkomst", True)
        elif rad.behandling == formankoder.EJ_RAKNAD:
            if manad == self.manader[0]:
                self._rad(u, UPPLYSNING, f"{namn}: {rad.betydelse} räknas inte som inkomst", False)
        elif rad.behandling == formankoder.HANDLAGGARE:
            if manad == self.manader[0]:
                self._rad(u, UPPLYSNING, f"{namn}: {rad.betydelse}; om och hur den räknas bedöms av en handläggare",
                          True)
            else:
                self.tidigare_bedomda.setdefault(u.formankod, []).append((u, rad.betydelse))
        elif u.typ == "retro" or _flera_manader(u) or u.belopp < 0:
            vad = ("en återbetalning (negativt belopp)" if u.belopp < 0 else
                   "en retroaktiv utbetalning" if u.typ == "retro" else "en utbetalning som avser flera månader")
            self._rad(u, UPPLYSNING, f"{namn}: {rad.betydelse}, {vad}; hur den räknas bedöms av en handläggare",
                      True, rad.variabel)
        else:
            nyckel = (str(rad.variabel), manad)
            self.summor[nyckel] = self.summor.get(nyckel, 0.0) + u.belopp
            self.betalningar.setdefault(nyckel, []).append(u)


def _jamfor_belopp(ansokan: float | None, register: float, tolerans: float) -> str:
    if ansokan is None:
        return STAMMER if register == 0 else SAKNAS_I_ANSOKAN
    if tolerans == 0 or register == 0:
        return STAMMER if round(ansokan, 2) == round(register, 2) else AVVIKER
    return STAMMER if abs(ansokan - register) <= tolerans * abs(register) else AVVIKER


def _beloppstext(vad: str, ansokan: float | None, register: float, manad: str, resultat: str, tolerans: float) -> str:
    """What a check of an amount found, in Swedish: ``vad`` is the agency and the income (Försäkringskassan,
    bostadsbidrag)."""
    if register == 0 and ansokan is None:
        return f"{vad}: ingen utbetalning i {text.manad(manad)}; uppgiften {_kr(0)} kommer från registret"
    i_registret = f"{vad}: {_kr(register)} utbetalt i {text.manad(manad)}"
    if resultat == SAKNAS_I_ANSOKAN:
        return f"{i_registret}, men ansökan tar inte upp inkomsten"
    grans = "exakt" if tolerans == 0 else f"{text.procent(tolerans, 0)}"
    if resultat == AVVIKER:
        return f"{i_registret}, ansökan {_kr(ansokan)}: skillnaden är större än toleransen ({grans})"
    return f"{i_registret}, ansökan {_kr(ansokan)} (inom toleransen, {grans})"


class _Jamforelse:
    """The comparison of one case with its answers (one per adult)."""

    def __init__(self, arende: Arende, svar: Mapping[str, Registersvar], p: Parametrar, system: Any,
                 beslutsdag: datetime.date) -> None:
        self.arende, self.svar, self.p, self.system, self.beslutsdag = arende, svar, p, system, beslutsdag
        self.manad = arende.period
        self.kontrollmanad = _fore(self.manad, p.kontrollmanad)
        self.jamforelsemanad = _fore(self.manad, p.jamforelsemanad)
        self.variabler = formankoder.registervariabler(_forsta(self.kontrollmanad))
        self.vuxna = arende.roll("vuxna")
        self.oanvandbara = {pid: varfor for pid, s in svar.items() if (varfor := self._oanvandbart(s))}
        self.personer = {pid: _Person(pid, s, (self.kontrollmanad, self.jamforelsemanad), self.manad,
                                      _dag(s.hamtad) if s.hamtad else self.beslutsdag)
                         for pid, s in svar.items()}
        for person in self.personer.values():
            person.las()
        self.kontroller: list[Kontroll] = [k for person in self.personer.values() for k in person.kontroller]
        self.fakta: dict[str, float] = {}
        self.kallor: dict[str, Kalla] = {}
        self._hamtade: dict[tuple[str, ...], str | None] = {}

    def _oanvandbart(self, svar: Registersvar) -> str:
        """Why ``svar`` checks nothing: it is about nobody in particular, or cannot be known to cover the control
        month ("" when it can be used)."""
        if not svar.identitet:
            return "svaret anger inte vilken person det gäller (ingen identitet i något myndighetsblock)"
        if svar.hamtad is None:
            return "svaret anger inte när frågan ställdes (frageTidpunkt), så det kan inte avgöras att det täcker " \
                   f"{text.manad(self.kontrollmanad)}"
        dag = _dag(svar.hamtad)
        if dag <= _sista(self.kontrollmanad):
            return f"svaret hämtades {dag.isoformat()}, innan {text.manad(self.kontrollmanad)} var slut"
        if dag > self.beslutsdag:
            return f"svaret är daterat {dag.isoformat()}, efter beslutsdagen {self.beslutsdag.isoformat()}"
        return ""

    def _status(self, person: str, myndighet: str) -> tuple[bool, str]:
        """(answered with data, why not in Swedish) for the person's answer and an agency."""
        if person in self.oanvandbara:
            return False, self.oanvandbara[person]
        return _status(self.svar.get(person), myndighet)

    def _ansokt(self, grupp: str, entitet: str, namn: str) -> float | None:
        if namn not in self.arende.angivna.get(entitet, set()):
            return None
        return float(self.arende.situation[grupp][entitet][namn][self.manad])

    def _summa(self, personer: list[str], variabel: str) -> tuple[float, str, list[Utbetalning], bool]:
        """(amount, month, payments, filled from the comparison month) over ``personer``' answers."""
        def over(manad: str) -> tuple[float, list[Utbetalning]]:
            nycklar = [(p, (variabel, manad)) for p in personer]
            return (sum(self.personer[p].summor.get(n, 0.0) for p, n in nycklar),
                    [u for p, n in nycklar for u in self.personer[p].betalningar.get(n, [])])

        belopp, betalningar = over(self.kontrollmanad)
        tidigare, tidigare_betalningar = over(self.jamforelsemanad)
        if not betalningar and tidigare_betalningar:
            return tidigare, self.jamforelsemanad, tidigare_betalningar, True
        return belopp, self.kontrollmanad, betalningar, False

    def _inkomst_namn(self, variabel: str) -> str:
        """An income variable's label in a sentence: "bostadsbidrag eller bostadstillägg"."""
        etikett = str(self.system.variables[variabel].label).removesuffix(" efter skatt")
        return etikett[:1].lower() + etikett[1:]

    def _okontrollerbar(self, person: str | None, variabel: str, myndigheter: tuple[str, ...]) -> bool:
        """Add an ej_kontrollerbar check for each agency paying ``variabel`` that did not answer with data, or (LEFI)
        could not deliver a benefit group of it: no payment then means nothing, not "no income"."""
        saknas = False
        for vem in ([person] if person else self.vuxna):
            for myndighet in myndigheter:
                svarat, varfor = self._status(vem, myndighet)
                if svarat:
                    svarat, varfor = self._levererat(self.svar[vem], myndighet, variabel)
                if not svarat:
                    saknas = True
                    self.kontroller.append(Kontroll(
                        vem, myndighet, variabel, self.kontrollmanad, None, None, EJ_KONTROLLERBAR,
                        f"{varfor}: {self._inkomst_namn(variabel)} kan inte kontrolleras", True))
        return saknas

    def _levererat(self, svar: Registersvar, myndighet: str, variabel: str) -> tuple[bool, str]:
        """Whether LEFI delivered every benefit group of ``variabel`` it pays (its ``avvikelser`` say which not)."""
        block = svar.svar("FK")
        if myndighet not in ("FK", PM) or block is None or not block.avvikelser:
            return True, ""
        dag = _forsta(self.kontrollmanad)
        for kod, orsak in block.avvikelser.items():
            rad = formankoder.formankod(kod, dag)
            if rad is not None and rad.myndighet == myndighet and rad.variabel == variabel:
                return False, f"{MYNDIGHETSNAMN[myndighet]} kunde inte lämna {rad.betydelse.lower()} ({kod}: {orsak})"
        return True, ""

    def inkomster(self) -> None:
        for variabel, myndigheter in self.variabler.items():
            entitet = self.system.variables[variabel].entity.key
            if entitet == "person":
                for person in self.vuxna:
                    self._inkomst(person, variabel, myndigheter)
            else:
                self._hushallets_inkomst(variabel, myndigheter)

    def _inkomst(self, person: str, variabel: str, myndigheter: tuple[str, ...]) -> None:
        if self._okontrollerbar(person, variabel, myndigheter):
            return
        self._bedom(person, [person], variabel, myndigheter, [f"personer.{person}.{variabel}"],
                    self._ansokt("personer", person, variabel))

    def _hushallets_inkomst(self, variabel: str, myndigheter: tuple[str, ...]) -> None:
        if self._okontrollerbar(None, variabel, myndigheter):
            return
        falt = [f"hushallen.{self.arende.hushall_id}.{variabel}"]
        ansokan = self._ansokt("hushallen", self.arende.hushall_id, variabel)
        if variabel == "underhallsstod":
            barn = [b for b in self.arende.roll("barnen")
                    if UNDERHALLSSTOD_FOR_BARNET in self.arende.angivna.get(b, set())]
            falt += [f"personer.{b}.{UNDERHALLSSTOD_FOR_BARNET}" for b in barn]
            if barn:
                ansokan = (ansokan or 0.0) + sum(float(self._ansokt("personer", b, UNDERHALLSSTOD_FOR_BARNET) or 0)
                                                 for b in barn)
        self._bedom(None, self.vuxna, variabel, myndigheter, falt, ansokan)

    def _bedom(self, person: str | None, personer: list[str], variabel: str, myndigheter: tuple[str, ...],
               falt: list[str], ansokan: float | None) -> None:
        belopp, manad, betalningar, fylld = self._summa(personer, variabel)
        belopp = round(belopp, 2)
        kalla = myndigheter[0] if not betalningar else betalningar[0].myndighet
        namn = " och ".join(MYNDIGHETSNAMN[m] for m in (myndigheter if not betalningar else
                                                        dict.fromkeys(u.myndighet for u in betalningar)))
        uppgifter = tuple(_uppgift(u) for u in betalningar)
        resultat = _jamfor_belopp(ansokan, belopp, self.p.tolerans)
        vad = f"{namn}, {self._inkomst_namn(variabel)}"
        self.kontroller.append(Kontroll(person, kalla, variabel, manad, ansokan, belopp, resultat,
                                        _beloppstext(vad, ansokan, belopp, manad, resultat, self.p.tolerans),
                                        False, uppgifter))
        self._forandring(person, personer, variabel, kalla, belopp, fylld)
        summa = len(falt) > 1
        kallan = Kalla(REGISTER, myndigheter=tuple(dict.fromkeys(u.myndighet for u in betalningar)) or myndigheter,
                       manad=manad, utbetalningar=uppgifter, summa=summa, hamtad=self._hamtad(tuple(personer)))
        if summa:  # underhållsstöd split over the children: the register confirms the sum, not each part
            if resultat == STAMMER:
                self.kallor.update(dict.fromkeys(falt, kallan))
            return
        self.fakta[falt[0]] = belopp
        self.kallor[falt[0]] = kallan

    def _hamtad(self, personer: tuple[str, ...]) -> str | None:
        """When the latest of these persons' answers was fetched (ISO 8601), once per set of persons."""
        if personer not in self._hamtade:
            self._hamtade[personer] = iso(max((h for p in personer if (h := self.svar[p].hamtad) is not None),
                                              default=None))
        return self._hamtade[personer]

    def _forandring(self, person: str | None, personer: list[str], variabel: str, kalla: str, belopp: float,
                    fylld: bool) -> None:
        """A caseworker is told when the control month has no payment and the comparison month has, or when the
        amount changed between the two months beyond the tolerance."""
        namn = MYNDIGHETSNAMN[kalla]
        if fylld:
            self.kontroller.append(Kontroll(
                person, kalla, variabel, self.kontrollmanad, None, 0.0, UPPLYSNING,
                f"{namn}: ingen utbetalning i {text.manad(self.kontrollmanad)}, men {_kr(belopp)} i "
                f"{text.manad(self.jamforelsemanad)}; beloppet från {text.manad(self.jamforelsemanad)} används", True))
            return
        tidigare = round(sum(self.personer[p].summor.get((variabel, self.jamforelsemanad), 0.0) for p in personer), 2)
        if tidigare > 0 and abs(belopp - tidigare) > self.p.tolerans * tidigare:
            self.kontroller.append(Kontroll(
                person, kalla, variabel, self.kontrollmanad, tidigare, belopp, UPPLYSNING,
                f"{namn}: inkomsten ändrades från {_kr(tidigare)} i {text.manad(self.jamforelsemanad)} till "
                f"{_kr(belopp)} i {text.manad(self.kontrollmanad)}", True))

    def ovrigt(self) -> None:
        """What the registers show beyond the amounts, for each adult."""
        for person in self.vuxna:
            svar = self.svar.get(person)
            for myndighet, variabel in BERORDA.items():
                svarat, varfor = self._status(person, myndighet)
                block = svar.svar(myndighet) if svar else None
                if not svarat or block is None:
                    self._upplysning(person, myndighet, variabel, EJ_KONTROLLERBAR, f"{varfor}: uppgiften kan inte "
                                     "kontrolleras", True)
                    continue
                {"AF": self._af, "SKV": self._skv, "TNS": self._tns, "MIV": self._miv}[myndighet](person, block)
            if svar is not None and (block := svar.svar("CSN")) is not None and block.fel is None:
                self._csn(person, block)

    def _upplysning(self, person: str, kalla: str, variabel: str | None, resultat: str, beskrivning: str,
                    kraver: bool, register: float | None = None) -> None:
        self.kontroller.append(Kontroll(person, kalla, variabel, self.kontrollmanad, None, register, resultat,
                                        beskrivning, kraver))

    def _af(self, person: str, block: Myndighetssvar) -> None:
        kan_arbeta = (self.arende.situation["personer"][person].get("kan_arbeta") or {}).get(self.manad)
        if kan_arbeta is False:
            return  # not expected to stand at the labour market's disposal: a caseworker's finding
        sokande = block.arbetssokande
        if sokande is None or not sokande.registrerad:
            self._upplysning(person, "AF", BERORDA["AF"], UPPLYSNING,
                             "Arbetsförmedlingen: inte inskriven som arbetssökande", True)
        elif sokande.avaktualiserad is not None and sokande.avaktualiserad <= _sista(self.manad):
            self._upplysning(person, "AF", BERORDA["AF"], UPPLYSNING,
                             f"Arbetsförmedlingen: avaktualiserad {sokande.avaktualiserad.isoformat()}", True)
        else:
            sedan = f" sedan {sokande.registrerad_sedan.isoformat()}" if sokande.registrerad_sedan else ""
            self._upplysning(person, "AF", BERORDA["AF"], UPPLYSNING,
                             f"Arbetsförmedlingen: inskriven som arbetssökande{sedan}", False)

    def _csn(self, person: str, block: Myndighetssvar) -> None:
        stod = [s.beskrivning or s.stodform for s in block.studiestod]
        if stod or block.utbetalningar:
            vad = ", ".join(dict.fromkeys(stod)) or "utbetalning av studiestöd"
            self._upplysning(person, "CSN", "studiebidrag", UPPLYSNING,
                             f"CSN: studiestöd ({vad}); den som studerar har i regel inte rätt till försörjningsstöd",
                             True)

    def _skv(self, person: str, block: Myndighetssvar) -> None:
        if not block.kapital:
            return
        senaste = max(block.kapital, key=lambda k: k.taxeringsar)
        over = senaste.overskott > self.p.kapitalinkomst
        self._upplysning(person, "SKV", BERORDA["SKV"], UPPLYSNING,
                         f"Skatteverket: överskott av kapital {_kr(senaste.overskott)} (beskattningsår "
                         f"{senaste.taxeringsar})" + ("; kan tyda på tillgångar" if over else ""), over,
                         round(senaste.overskott, 2))

    def _tns(self, person: str, block: Myndighetssvar) -> None:
        if not block.fordon:
            self._upplysning(person, "TNS", BERORDA["TNS"], UPPLYSNING, "Transportstyrelsen: inga fordon", False)
        for fordon in block.fordon:
            ar = f", årsmodell {fordon.fordonsar}" if fordon.fordonsar else ""
            self._upplysning(person, "TNS", BERORDA["TNS"], UPPLYSNING,
                             f"Transportstyrelsen: {fordon.fordonsslag.lower()} {fordon.fabrikat}{ar}; ett fordon kan "
                             "vara en tillgång", self.p.fordon_provas_av_handlaggare)

    def _miv(self, person: str, block: Myndighetssvar) -> None:
        if not block.tillstand:
            self._upplysning(person, "MIV", None, UPPLYSNING, "Migrationsverket: inga beslut om uppehållstillstånd",
                             False)
            return
        grans = _sista(self.manad) + datetime.timedelta(days=self.p.uppehallstillstand_dagar)
        if any(t.permanent for t in block.tillstand):
            self._upplysning(person, "MIV", None, UPPLYSNING, "Migrationsverket: permanent uppehållstillstånd", False)
            return
        sista = max((t.till for t in block.tillstand if t.till), default=None)
        if sista is None or sista <= grans:
            nar = f"upphör {sista.isoformat()}" if sista else "utan giltighetstid"
            self._upplysning(person, "MIV", None, UPPLYSNING,
                             f"Migrationsverket: tidsbegränsat uppehållstillstånd, {nar}", True)
        else:
            self._upplysning(person, "MIV", None, UPPLYSNING,
                             f"Migrationsverket: tidsbegränsat uppehållstillstånd till {sista.isoformat()}", False)


def kontrollera_personer(arende: Arende, personer: Iterable[str]) -> None:
    """Each person an answer is given for is an adult of the household (checked before any answer is read)."""
    vuxna = set(arende.roll("vuxna"))
    for person in personer:
        if person not in vuxna:
            raise ArendeFel(f"ssbtek.{person_i_falt(person)}", "svar tas emot för de vuxna i hushållet (sökande och "
                                                               "make, maka, registrerad partner eller sambo), med "
                                                               "deras id i ärendet")


def _kontrollera_svar(arende: Arende, svar: Mapping[str, Registersvar]) -> None:
    """An answer is for an adult of the household, and each adult's answer is another answer, about a different
    person."""
    kontrollera_personer(arende, svar)
    summor = [s.sha256 for s in svar.values()]
    if len(summor) != len(set(summor)):
        raise ArendeFel("ssbtek", "två personers svar är samma svar (samma SHA-256)")
    identiteter = [s.identitet for s in svar.values() if s.identitet]
    if len(identiteter) != len(set(identiteter)):
        raise ArendeFel("ssbtek", "två personers svar gäller samma person")


def jamfor(arende: Arende, svar: Mapping[str, Registersvar], system: Any,
           dag: datetime.date | None = None) -> Registerkontroll:
    """Compare ``arende`` (its month) with each adult's SSBTEK answer, under the nämnd's policy on ``dag`` (the
    decision day; by default the first day of the case month)."""
    _kontrollera_svar(arende, svar)
    beslutsdag = dag or _forsta(arende.period)
    parametrar = Parametrar.fran_system(system, beslutsdag)
    jamforelse = _Jamforelse(arende, svar, parametrar, system, beslutsdag)
    jamforelse.inkomster()
    jamforelse.ovrigt()
    svarsuppgifter = tuple(
        Svarsuppgift(person, s.sha256, iso(s.hamtad),
                     {m: ("fel" if b.fel else "data") for m, b in s.myndigheter.items() if m in MYNDIGHETER})
        for person, s in svar.items())
    return Registerkontroll(tuple(jamforelse.kontroller), jamforelse.fakta, jamforelse.kallor, svarsuppgifter)
