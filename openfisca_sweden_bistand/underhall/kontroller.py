"""Citation discipline, checked: every variable cites its provision, every dated value its source.

The test suite calls these and fails on any finding; the same functions are usable from a
maintainer's shell (``python -m openfisca_sweden_bistand.underhall.kontroller``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from openfisca_sweden_bistand.regelstod.parametrar import KONFIDENSNIVAER

# Keys of a parameter file that are not child parameters.
_NODNYCKLAR = {"description", "documentation", "metadata", "reference", "unit"}


def variabler_utan_referens(system: Any) -> list[str]:
    """Variables whose ``reference`` is missing or does not name a provision (a §, section or article) and its URL."""
    fel = []
    for namn, variabel in sorted(system.variables.items()):
        referenser = variabel.reference or []
        if not referenser:
            fel.append(f"{namn}: saknar reference")
        elif not all(any(ord_ in ref for ord_ in ("§", "avsnitt", "artikel")) and "http" in ref for ref in referenser):
            fel.append(f"{namn}: varje reference ska ange paragraf (eller avsnitt, artikel) och adress: {referenser}")
    return fel


def _lov_i_fil(data: dict[str, Any], stig: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(dotted path, values dict) for every leaf parameter in one parsed YAML file."""
    if "values" in data:
        yield stig, data["values"]
        return
    for nyckel, barn in data.items():
        if nyckel not in _NODNYCKLAR and isinstance(barn, dict):
            yield from _lov_i_fil(barn, f"{stig}.{nyckel}" if stig else nyckel)


def parameterlov(katalog: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(dotted path, values dict) for every leaf parameter under ``katalog``, as written in the files."""
    for fil in sorted(Path(katalog).rglob("*.yaml")):
        if fil.name == "index.yaml":
            continue
        relativ = fil.relative_to(katalog).with_suffix("")
        with open(fil, encoding="utf-8") as handtag:
            data = yaml.safe_load(handtag)
        yield from _lov_i_fil(data, ".".join(relativ.parts))


def parametervarden_utan_kalla(katalog: Path) -> list[str]:
    """Dated values without their own reference, a valid konfidens, and a source (kalla).

    Checked in the files themselves: OpenFisca copies a parameter's metadata into each of its
    values, which would hide a value that has none of its own.
    """
    fel = []
    for stig, varden in parameterlov(katalog):
        if not varden:
            fel.append(f"{stig}: inga värden")
            continue
        for datum, varde in varden.items():
            plats = f"{stig} {datum}"
            metadata = varde.get("metadata") if isinstance(varde, dict) else None
            if not metadata:
                fel.append(f"{plats}: värdet saknar metadata (reference, konfidens, kalla)")
                continue
            if not str(metadata.get("reference") or "").strip():
                fel.append(f"{plats}: saknar reference")
            if metadata.get("konfidens") not in KONFIDENSNIVAER:
                giltiga = ", ".join(KONFIDENSNIVAER)
                fel.append(f"{plats}: konfidens ska vara en av {giltiga}, inte {metadata.get('konfidens')!r}")
            if not str(metadata.get("kalla") or "").strip():
                fel.append(f"{plats}: saknar kalla (var värdet lästes eller hur det härleddes)")
            if metadata.get("konfidens") in ("derived", "provisional") and not (
                metadata.get("anmarkning") or "Beräknat" in str(metadata.get("kalla"))
            ):
                konfidens = metadata.get("konfidens")
                fel.append(f"{plats}: ett {konfidens}-värde ska förklara hur det tagits fram (anmarkning)")
    return fel


def main() -> int:
    from openfisca_sweden_bistand import PARAMETERKATALOG
    from openfisca_sweden_bistand.system import skattesystem

    fel = variabler_utan_referens(skattesystem()) + parametervarden_utan_kalla(PARAMETERKATALOG)
    for rad in fel:
        print(rad)
    print(f"{len(fel)} fel")
    return 1 if fel else 0


if __name__ == "__main__":
    sys.exit(main())
