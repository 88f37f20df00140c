"""Decisions that explain themselves (förvaltningslagen 32–33 §§).

``fatta_beslut(arende)`` returns, for a household and a month: the outcome (automatic, or
manuell_provning with the rules' outcome as a proposal), the amount, every line of the
calculation with the paragraph applied in that month, every reason for manual review with its
basis, the facts that are missing, appeal information for a full or partial rejection, and the
rule version, so that the decision can be replayed. ``som_dict`` gives the JSON of
``bistand beslut --format json`` and ``POST /beslut``; ``som_text`` a plain Swedish decision letter.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from openfisca_core import periods

from openfisca_sweden_bistand.arende.las import Arende
from openfisca_sweden_bistand.forklaring.berakning import (
    Berakning,
    _tal,
    berakna,
    delar_for_text,
)
from openfisca_sweden_bistand.forklaring.mallar import rendera
from openfisca_sweden_bistand.forklaring.regelversion import regelversion
from openfisca_sweden_bistand.forklaring.simulering import bygg_simulering
from openfisca_sweden_bistand.kommuner import kommun_i
from openfisca_sweden_bistand.kontroll.jamforelse import KONTROLLRESULTAT, Kontroll
from openfisca_sweden_bistand.kontroll.registersvar import Registersvar
from openfisca_sweden_bistand.kontroll.underlag import Registerhistorik, Underlag, kontrollera
from openfisca_sweden_bistand.regelstod.lagrum import lagrum_for_beslut, lagrum_text
from openfisca_sweden_bistand.regelstod.skal import SKAL
from openfisca_sweden_bistand.system import skattesystem, system_for


class _Utfallstext(Mapping[str, str]):
    """The outcomes and their names, read from the Enums of the variables ``utfall`` and ``beslut``
    (variables/beslut.py): bifall, delvis_bifall, avslag, then manuell_provning. Read when first used,
    so that importing this module does not build the tax-benefit system."""

    @functools.cached_property
    def _texter(self) -> dict[str, str]:
        variabler = skattesystem().variables
        texter: dict[str, str] = {}
        for namn in ("utfall", "beslut"):
            for utfall in variabler[namn].possible_values:
                texter.setdefault(str(utfall.name), str(utfall.value))
        return texter

    def __getitem__(self, utfall: str) -> str:
        return self._texter[utfall]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texter)

    def __len__(self) -> int:
        return len(self._texter)


UTFALLSTEXT: Mapping[str, str] = _Utfallstext()


@dataclass
class Beslut:
    period: str
    beslutsdatum: str  # YYYY-MM-DD: governs the procedural law (kommunallagen, förvaltningslagen, appeal)
    utfall: str  # bifall | delvis_bifall | avslag | manuell_provning
    forslag: str  # the rules' outcome: bifall | delvis_bifall | avslag
    belopp: int | float  # granted: the amount the rules give, never more than ansokt_belopp
    ansokt_belopp: int | float | None  # None: the application is for the amount the rules give
    automatiserat: bool
    berakning: Berakning
    skal_for_manuell_provning: list[dict[str, str]] = field(default_factory=list)
    saknade_uppgifter: list[str] = field(default_factory=list)
    uppgifter_utanfor_manaden: list[str] = field(default_factory=list)
    overklagande: str | None = None
    # A grant given as an advance on a benefit (SoL 2025:400 33 kap. 2 §): forman, belopp, grund; None otherwise.
    forskott: dict[str, Any] | None = None
    # The municipality whose guidelines decided it (id, namn, riktlinjer); None: the national defaults.
    kommun: dict[str, Any] | None = None
    lagrum: list[str] = field(default_factory=list)
    regelversion: dict[str, Any] = field(default_factory=dict)
    # The household facts the decision function set for the month after its checks (beslutsdatum,
    # uppgifter_kompletta ...), so that the decision can be replayed as a YAML test (testfall/export.py).
    beslutsfakta: dict[str, Any] = field(default_factory=dict)
    # The checked case it was made on: every fact's source and, after a register check, the checks.
    underlag: Underlag | None = None

    @property
    def kontroller(self) -> tuple[Kontroll, ...]:
        return self.underlag.kontroller if self.underlag else ()

    def som_dict(self) -> dict[str, Any]:
        b = self.berakning
        return {
            "period": self.period,
            "beslutsdatum": self.beslutsdatum,
            "hushall": b.hushall_id,
            "utfall": self.utfall,
            "forslag": self.forslag,
            "belopp": self.belopp,
            "ansokt_belopp": self.ansokt_belopp,
            "automatiserat": self.automatiserat,
            "forskott": self.forskott,
            "kommun": self.kommun,
            "delbelopp": {
                "riksnorm": b.riksnorm,
                "skaliga_kostnader": b.skaliga_kostnader,
                "livsforing_i_ovrigt": b.livsforing_i_ovrigt,
                "forsorjningsstod": b.forsorjningsstod,
                "raknade_inkomster": b.raknade_inkomster,
                "ej_raknade_inkomster": b.ej_raknade_inkomster,
            },
            "rader": [rad.som_dict() for rad in b.rader],
            "skal_for_manuell_provning": self.skal_for_manuell_provning,
            "saknade_uppgifter": self.saknade_uppgifter,
            "uppgifter_utanfor_manaden": self.uppgifter_utanfor_manaden,
            "uppgifter_utan_kontroll": b.uppgifter_utan_kontroll,
            "riksnorm_provisorisk": b.riksnorm_provisorisk,
            "provisoriska_varden": [vars(p) for p in b.provisoriska_varden],
            "overklagande": self.overklagande,
            "lagrum": self.lagrum,
            "regelversion": self.regelversion,
            **self._registerkontroll(),
        }

    def _registerkontroll(self) -> dict[str, Any]:
        """After a register check (``bistand ateransokan``, ``POST /ateransokan``): every check, and each answer's
        checksum and agencies; nothing when no register was asked."""
        kontroll = self.underlag.registerkontroll if self.underlag else None
        if kontroll is None:
            return {}
        return {"kontroller": [k.som_dict() for k in kontroll.kontroller],
                "registersvar": [s.som_dict() for s in kontroll.svar]}

    def som_text(self) -> str:
        return skriv_beslut(self)


def _overklagande(dag: datetime.date) -> str:
    sol = lagrum_text("overklagande_sol", dag)
    tid = lagrum_text("overklagandetid", dag)
    return (
        f"Om du inte är nöjd med beslutet kan du överklaga det till förvaltningsrätten ({sol}). "
        "Skriv till socialnämnden, ange vilket beslut du överklagar och hur du vill att det ska ändras. "
        "Överklagandet ska ha kommit in till socialnämnden inom tre veckor från den dag du fick del av "
        f"beslutet ({tid}). Nämnden prövar först om beslutet ska ändras. Du kan alltid be att få tala med "
        "en handläggare om beslutet."
    )


def fatta_beslut(fall: Arende | Underlag, system: Any = None, idag: datetime.date | None = None,
                 registerhistorik: Registerhistorik | None = None,
                 ssbtek: Mapping[str, Registersvar] | None = None) -> Beslut:
    """The decision (or decision proposal) on a case, made on the case's ``beslutsdatum``, or else today
    (``idag``, by default the system date), which the decision then records.

    ``fall`` is a checked case (``kontroll.underlag.kontrollera``), or a case to check first: against the
    register answers ``ssbtek`` (person id → that adult's SSBTEK answer) and the decision register's
    ``registerhistorik``, when given. The simulation is built once, here."""
    system = system_for((fall.arende if isinstance(fall, Underlag) else fall).kommun, system)
    underlag = fall if isinstance(fall, Underlag) else kontrollera(
        fall, system, idag=idag, ssbtek=ssbtek, registerhistorik=registerhistorik)
    arende = underlag.arende
    assert arende.beslutsdatum is not None
    beslutsdag = datetime.date.fromisoformat(arende.beslutsdatum)
    simulering = bygg_simulering(arende, system)
    period = periods.period(arende.period)
    dag = datetime.date.fromisoformat(f"{arende.period}-01")

    berakning = berakna(underlag, system, simulering)
    utfall = simulering.calculate("beslut", period).decode_to_str()[0]
    forslag = simulering.calculate("utfall", period).decode_to_str()[0]
    skal = []
    for post in SKAL:
        if simulering.calculate(post.variabel, period)[0]:
            grund = "; ".join(filter(None, (lagrum_for_beslut(nyckel, dag, beslutsdag) for nyckel in post.grund)))
            skal.append({"skal": post.variabel, "text": post.text, "grund": grund, "policy": post.policy})

    lagrum = list(dict.fromkeys(
        [berakning.lagrum, *(del_.strip() for rad in berakning.rader for del_ in rad.lagrum.split(";"))]
    ))
    return Beslut(
        period=arende.period,
        beslutsdatum=arende.beslutsdatum,
        utfall=utfall,
        forslag=forslag,
        belopp=_tal(simulering.calculate("beviljat_belopp", period)[0]),
        ansokt_belopp=_tal(simulering.calculate("ansokt_belopp", period)[0]) or None,
        automatiserat=utfall != "manuell_provning",
        berakning=berakning,
        skal_for_manuell_provning=skal,
        saknade_uppgifter=list(underlag.saknade),
        uppgifter_utanfor_manaden=list(underlag.utanfor),
        overklagande=_overklagande(beslutsdag) if simulering.calculate("overklagandehanvisning_kravs", period)[0]
        else None,
        forskott=_forskott(simulering, period, dag, beslutsdag),
        kommun=_kommun(system),
        lagrum=lagrum,
        regelversion=regelversion(system, dag),
        beslutsfakta=dict(underlag.beslutsfakta),
        underlag=underlag,
    )


def _forskott(simulering: Any, period: Any, dag: datetime.date, beslutsdag: datetime.date) -> dict[str, Any] | None:
    """The advance a grant is (variables/forskott.py): the benefit, the amount and the provision, or None."""
    belopp = _tal(simulering.calculate("forskott_beviljat", period)[0])
    if not belopp:
        return None
    forman = simulering.calculate("forskott_pa_forman", period).decode()[0]
    return {"forman": forman.value.lower(), "belopp": belopp,
            "grund": lagrum_for_beslut("forskott_aterkrav", dag, beslutsdag)}


def _kommun(system: Any) -> dict[str, Any] | None:
    """The municipality whose guidelines the decision applied, for the JSON and the letter."""
    kommun = kommun_i(system)
    if kommun is None:
        return None
    return {"id": kommun.id, "namn": kommun.namn, "riktlinjer": [r.citat() for r in kommun.riktlinjer]}


def skriv_beslut(b: Beslut) -> str:
    """The decision letter (template ``mallar/beslut.txt.j2``). The procedural law the letter cites
    follows the decision date; the calculation's, the month."""
    dag = datetime.date.fromisoformat(b.beslutsdatum)
    automatisering = (lagrum_text(k, dag) for k in ("automatiserat_beslut", "kommunal_automatisering"))
    return rendera(
        "beslut.txt.j2",
        beslut=b,
        berakning=b.berakning,
        utfallstext=UTFALLSTEXT,
        automatiseringsgrund="; ".join(filter(None, automatisering)),
        motivering=lagrum_text("motivering", dag),
        underrattelse=lagrum_text("underrattelse", dag),
        uppgiftsskyldighet=lagrum_text("uppgiftsskyldighet", dag),
        kontrollresultat=KONTROLLRESULTAT,
        **delar_for_text(b.berakning),
    )
