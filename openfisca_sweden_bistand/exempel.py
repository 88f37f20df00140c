"""Embedded example cases (ärenden), shipped with the package.

``situation_examples/<namn>.json`` holds cases in the format ``bistand`` reads (see
``arende.py``): run one with ``bistand berakna --exempel <namn>``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

KATALOG = Path(__file__).resolve().parent / "situation_examples"


def namn() -> list[str]:
    """The names of the embedded examples."""
    return sorted(p.stem for p in KATALOG.glob("*.json"))


def sokvag(exempelnamn: str) -> Path:
    """The file of the example ``exempelnamn``: a name from ``namn()``, never a path (a web page passes it on)."""
    if exempelnamn not in namn():
        raise KeyError(f"inget exempel {exempelnamn!r}; finns: {', '.join(namn())}")
    return KATALOG / f"{exempelnamn}.json"


def ssbtek(exempelnamn: str) -> dict[str, Path]:
    """The SSBTEK answers that come with an example, by person id: ``situation_examples/ssbtek/<namn>/<person>.xml``
    (a renewal to check against the registers with ``bistand ateransokan --exempel <namn>``); none for most."""
    katalog = sokvag(exempelnamn).parent / "ssbtek" / exempelnamn
    return {fil.stem: fil for fil in sorted(katalog.glob("*.xml"))} if katalog.is_dir() else {}


def arende(exempelnamn: str) -> dict[str, Any]:
    """An example case as a dict (with its ``period``)."""
    data: dict[str, Any] = json.loads(sokvag(exempelnamn).read_text(encoding="utf-8"))
    return data


def utan_manad(exempelnamn: str) -> tuple[str, dict[str, Any]]:
    """The example's month, and the example as a situation without it (the decision date on the household)."""
    data = arende(exempelnamn)
    period = data.pop("period")
    beslutsdatum = data.pop("beslutsdatum", None)
    data.pop("kallor", None)  # a situation has no sources: /calculate decides nothing
    if beslutsdatum:
        for hushall in data["hushallen"].values():
            hushall["beslutsdatum"] = beslutsdatum
    return period, data


def situation(exempelnamn: str) -> dict[str, Any]:
    """An example as a ``/calculate`` body: every plain value keyed by the case month."""
    period, data = utan_manad(exempelnamn)
    for grupp in ("personer", "hushallen"):
        for entitet in data[grupp].values():
            for nyckel, varde in entitet.items():
                if nyckel not in ("vuxna", "barnen") and not isinstance(varde, dict):
                    entitet[nyckel] = {period: varde}
    return data
