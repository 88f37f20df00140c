"""A new municipality in an afternoon: ``bistand kommun ny ID`` writes a skeleton extension.

The skeleton (``openfisca_sweden_bistand/kommuner/<id>/``, or ``--katalog``) has the extension's ``__init__.py``, a
``riktlinje.yaml`` to fill in (the municipality, its nämnd, each guideline with its URL and dates), an empty
``parameters/`` and ``oppna_termer.yaml``: every open term (regelstod/riktlinjer.py OPPNA_TERMER) with its national
default, its unit and the guideline section it belongs to, and the YAML to copy into ``parameters/`` for a value the
municipality sets. Nothing in the skeleton changes a calculation until a value is written under ``parameters/``.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import yaml

from openfisca_sweden_bistand.kommuner import KOMMUNKATALOG, KommunFel, kanda
from openfisca_sweden_bistand.regelstod.parametrar import lov, parameter, varde_i_kraft
from openfisca_sweden_bistand.regelstod.riktlinjer import OPPNA_TERMER
from openfisca_sweden_bistand.system import skattesystem

_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")

RIKTLINJE_MALL = """\
# {namn}: its guidelines for ekonomiskt bistånd (riktlinjer) over the national law. Fill in, then write each value the
# guidelines set under parameters/ (see oppna_termer.yaml and docs/kommuner.rst).
namn: {namn}
namnd: ''  # the nämnd that decided the guidelines, as its decision names it; '' if no public text does
anmarkning: ''  # what was read where, and what could not be read
riktlinjer:
  - titel: ''  # the guideline's title, as published
    url: ''  # a public address where anyone can read it
    galler_fran: ''  # YYYY-MM-DD, the day it applies from, if the text says
    beslutad: ''  # YYYY-MM-DD, the nämnd's decision, if the text says
"""


def oppna_termer(system: Any = None, dag: datetime.date | None = None) -> list[dict[str, Any]]:
    """Every open term's parameter: its path, section, description, unit and national value on ``dag``."""
    system = system or skattesystem()
    dag = dag or datetime.date.today()
    termer = []
    for term, avsnitt in OPPNA_TERMER.items():
        nod = parameter(system.parameters, term)
        for blad in (lov(nod) if hasattr(nod, "children") else [nod]):
            varde = varde_i_kraft(blad, dag)
            termer.append({
                "parameter": blad.name, "avsnitt": avsnitt, "beskrivning": blad.description or "",
                "enhet": blad.metadata.get("unit", ""), "nationellt_varde": None if varde is None else varde.value,
            })
    return termer


def _exempel(term: dict[str, Any]) -> str:
    """The YAML a municipality writes under parameters/ for one open term (its last part under the file)."""
    *_, namn = term["parameter"].split(".")
    return str(yaml.safe_dump({namn: {"values": {"ÅÅÅÅ-MM-DD": {"value": term["nationellt_varde"], "metadata": {
        "reference": "<riktlinjens titel>, avsnitt <…>", "konfidens": "official | reprint | provisional",
        "kalla": "<URL>: '<ordagrant citat med beloppet>'"}}}}}, allow_unicode=True, sort_keys=False))


def skapa(id_: str, namn: str, katalog: Path | None = None) -> Path:
    """Write the skeleton of municipality ``id_`` (ASCII, e.g. "vaxjo") named ``namn``; the directory written."""
    if not _ID.fullmatch(id_):
        raise KommunFel(f"ogiltigt id {id_[:40]!r}: små bokstäver a–z, siffror och _, högst 40 tecken")
    mal = (katalog or KOMMUNKATALOG) / id_
    if id_ in kanda() or mal.exists():
        raise KommunFel(f"{mal} finns redan")
    (mal / "parameters").mkdir(parents=True)
    (mal / "__init__.py").write_text(f'"""{namn}: its guidelines for ekonomiskt bistånd over the national law."""\n',
                                     encoding="utf-8")
    (mal / "riktlinje.yaml").write_text(RIKTLINJE_MALL.format(namn=namn), encoding="utf-8")
    rader = ["# The open terms this municipality may set, each with its national default (the value today), and",
             "# the YAML to write, uncommented, in parameters/<the path's folders>/<file>.yaml for a value the",
             "# municipality's guidelines set (e.g. riktlinjer.boendekostnad_tak.barn_1 goes under barn_1: in",
             "# parameters/riktlinjer/boendekostnad_tak.yaml). Nothing in this file is read by the rules.", ""]
    for term in oppna_termer():
        enhet = f" {term['enhet']}" if term["enhet"] else ""
        rader += [f"# {term['parameter']}: {term['beskrivning']}",
                  f"#   avsnitt: {term['avsnitt']}; nationellt {term['nationellt_varde']!r}{enhet}",
                  *(f"#   {rad}" for rad in _exempel(term).splitlines()), ""]
    (mal / "oppna_termer.yaml").write_text("\n".join(rader), encoding="utf-8")
    return mal
