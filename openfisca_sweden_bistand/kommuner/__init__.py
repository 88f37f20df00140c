"""Each municipality's own guidelines (*riktlinjer för ekonomiskt bistånd*) as an OpenFisca extension over the law.

The law leaves open terms to each socialnämnd: the highest reasonable housing cost, local supplements, amounts for
glasses or furniture, the automation its delegationsordning allows, the register check's tolerance … The package's
national defaults are in ``parameters/`` and the list of open terms in ``regelstod/riktlinjer.py`` (OPPNA_TERMER).
A municipality is a folder here, an OpenFisca extension (``openfisca serve -e openfisca_sweden_bistand.kommuner.<id>``,
``TaxBenefitSystem.load_extension``, ``extensions:`` in a YAML test), with

- ``riktlinje.yaml``: the municipality, its nämnd and each guideline (title, the day it was decided, a public URL);
- ``parameters/``: its dated values of open terms, each with the guideline, its section and a konfidens;
- variables only where its rule differs in kind from the law's (none of the municipalities here needs one).

A municipal value overrides the national one from its date only (``ladda``): earlier months keep the national
default. A municipality may set an open term, never a figure of the law: a value for anything else is refused.
"""

from __future__ import annotations

import datetime
import functools
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openfisca_core.parameters import Parameter, ParameterNode

from openfisca_sweden_bistand.regelstod.paketfiler import las_paketfil
from openfisca_sweden_bistand.regelstod.parametrar import dokumentera_konfidens, lov, parameter, varde_i_kraft
from openfisca_sweden_bistand.regelstod.riktlinjer import ar_oppen_term

KOMMUNKATALOG = Path(__file__).resolve().parent
MODUL = "openfisca_sweden_bistand.kommuner"
RIKTLINJE = "riktlinje.yaml"
_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")


class KommunFel(ValueError):
    """An unknown municipality, or an extension that would change what only the law may set."""


@dataclass(frozen=True)
class Riktlinje:
    """One guideline a municipality's values come from: its title, public URL, and the dates the page gives."""

    titel: str
    url: str
    galler_fran: str = ""  # YYYY-MM-DD, "" when the page gives none
    beslutad: str = ""  # the nämnd's decision day, "" when the page gives none

    def citat(self) -> str:
        datum = "".join((f", beslutad {self.beslutad}" if self.beslutad else "",
                         f", gäller från {self.galler_fran}" if self.galler_fran else ""))
        return f"{self.titel}{datum or ' (odaterad)'}"


@dataclass(frozen=True)
class Kommun:
    id: str  # the folder's name: ASCII, used on the command line and in a case's "kommun"
    namn: str  # e.g. "Malmö stad"
    namnd: str  # the nämnd that decided the guidelines, "" when no public page names it
    riktlinjer: tuple[Riktlinje, ...] = field(default_factory=tuple)
    anmarkning: str = ""

    @property
    def modul(self) -> str:
        return f"{MODUL}.{self.id}"

    @property
    def katalog(self) -> Path:
        return KOMMUNKATALOG / self.id

    def senaste_datum(self) -> str:
        """The newest date its guidelines give (decided or in force from; "" if none is dated)."""
        return max((d for r in self.riktlinjer for d in (r.beslutad, r.galler_fran) if d), default="")


def _las_kommun(katalog: Path) -> Kommun:
    data = las_paketfil((katalog / RIKTLINJE).read_text(encoding="utf-8"))
    riktlinjer = tuple(Riktlinje(r["titel"], r["url"], str(r.get("galler_fran") or ""), str(r.get("beslutad") or ""))
                       for r in data.get("riktlinjer", []))
    return Kommun(katalog.name, data["namn"], data.get("namnd") or "", riktlinjer, data.get("anmarkning", ""))


@functools.lru_cache(maxsize=1)
def kanda() -> dict[str, Kommun]:
    """Every municipality here, by id, in alphabetical order (read once per process: a case naming one asks)."""
    return {k.name: _las_kommun(k) for k in sorted(KOMMUNKATALOG.iterdir()) if (k / RIKTLINJE).is_file()}


def hitta(namn: str) -> Kommun:
    """The municipality ``namn`` (its id, e.g. "malmo"); an unknown name is an error that lists the known ones."""
    alla = kanda()
    if not isinstance(namn, str) or not _ID.fullmatch(namn) or namn not in alla:
        raise KommunFel(f"okänd kommun {str(namn)[:40]!r}; kända: {', '.join(alla)}")
    return alla[namn]


def ur_tillagg(tillagg: Any) -> str | None:
    """The municipality a YAML test's ``extensions`` names (``openfisca_sweden_bistand.kommuner.<id>``, one only), or
    None without any; anything else, or an unknown id, is a KommunFel."""
    lista = tillagg if isinstance(tillagg, list) else [tillagg] if tillagg else []
    if not lista:
        return None
    stig = lista[0]
    if len(lista) > 1 or not isinstance(stig, str) or not stig.startswith(f"{MODUL}."):
        raise KommunFel(f"bara en av paketets kommuner, {MODUL}.<{'|'.join(kanda())}>")
    return hitta(stig.removeprefix(f"{MODUL}.")).id


def _katalog_for(tillagg: str) -> tuple[Path, Kommun | None]:
    """The directory of an extension given as a municipality's id, an importable package name, or (from Python or
    OpenFisca's command line only, never from a request) a directory such as a new skeleton."""
    if _ID.fullmatch(tillagg) and tillagg in kanda():
        kommun = hitta(tillagg)
        return kommun.katalog, kommun
    if Path(tillagg).is_dir() and (Path(tillagg) / RIKTLINJE).is_file():
        katalog = Path(tillagg)
        return katalog, _las_kommun(katalog)
    try:
        katalog = Path(importlib.import_module(tillagg).__path__[0])
    except (ImportError, AttributeError):
        kommuner = ", ".join(kanda())
        raise KommunFel(f"tillägget {tillagg!r} är varken en känd kommun ({kommuner}) eller ett paket") from None
    return katalog, _las_kommun(katalog) if (katalog / RIKTLINJE).is_file() else None


def _data(varde: Any) -> dict[str, Any]:
    return {"value": varde.value, "metadata": dict(varde.metadata)}


def _sammanfogad(nationell: Parameter, kommunal: Parameter, kommun: Kommun | None) -> Parameter:
    """The national parameter with the municipality's values from their dates (later dates win)."""
    varden = {v.instant_str: _data(v) for v in nationell.values_list}
    for v in kommunal.values_list:
        data = _data(v)
        if kommun is not None:
            data["metadata"].setdefault("kommun", kommun.id)
        varden[v.instant_str] = data
    metadata = dict(nationell.metadata)
    metadata["reference"] = {**nationell.metadata.get("reference", {}), **kommunal.metadata.get("reference", {})}
    data = {"description": nationell.description, "metadata": metadata, "values": varden}
    if nationell.documentation:
        data["documentation"] = nationell.documentation
    return Parameter(nationell.name, data)


def _ersatt(rot: ParameterNode, stig: str, ny: Parameter) -> None:
    *foralder, namn = stig.split(".")
    nod = parameter(rot, ".".join(foralder)) if foralder else rot
    nod.children[namn] = ny
    setattr(nod, namn, ny)


def ladda(system: Any, tillagg: str) -> Kommun | None:
    """Load the extension ``tillagg`` (a municipality's id or a package name) into ``system``: its variables, and
    each of its parameter values over the national one from its date. A value for a parameter that is not an open
    term, or that the law does not have, is refused (KommunFel) before anything changes."""
    katalog, kommun = _katalog_for(tillagg)
    parametrar = katalog / "parameters"
    nya: list[tuple[str, Parameter]] = []
    if parametrar.is_dir():
        for kommunal in lov(ParameterNode("", directory_path=str(parametrar))):
            stig = kommunal.name.lstrip(".")
            if not ar_oppen_term(stig):
                raise KommunFel(f"{katalog.name}: {stig} är inte en öppen term; en kommun får inte ändra lagens värden")
            try:
                nationell = parameter(system.parameters, stig)
            except KeyError:
                raise KommunFel(f"{katalog.name}: {stig} finns inte i de nationella parametrarna") from None
            nya.append((stig, _sammanfogad(nationell, kommunal, kommun)))
    if any(p.suffix == ".py" and p.name != "__init__.py" for p in katalog.iterdir()):
        system.add_variables_from_directory(str(katalog))
    for stig, ny in nya:
        dokumentera_konfidens(ny)
        _ersatt(system.parameters, stig, ny)
    type(system).get_parameters_at_instant.cache_clear()
    if kommun is not None:
        system.kommun = kommun
    return kommun


def kommun_i(system: Any) -> Kommun | None:
    """The municipality whose guidelines ``system`` has, looking through reforms to the system they changed."""
    while system is not None:
        if getattr(system, "kommun", None) is not None:
            return system.kommun  # type: ignore[no-any-return]
        system = getattr(system, "baseline", None)
    return None


def riktlinje_for_varde(system: Any, stig: str, dag: datetime.date) -> str:
    """The guideline citation for the value of ``stig`` in force on ``dag``, when the municipality set it; ""
    for a national value."""
    varde = varde_i_kraft(parameter(system.parameters, stig), dag)
    kommun = kommun_i(system)
    if varde is None or kommun is None or varde.metadata.get("kommun") != kommun.id:
        return ""
    return f"riktlinjer för ekonomiskt bistånd: {varde.metadata.get('reference', kommun.namn)}"
