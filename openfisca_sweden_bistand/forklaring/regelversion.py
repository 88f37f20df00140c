"""The rule version (*regelversion*) a decision was made with, so that it can be replayed.

- ``paket``: the package version;
- ``git``: the commit of the source checkout, if the package runs from one (``-dirty`` when it
  has uncommitted changes), else the commit the wheel was built from (hatch_build.py), else None;
- ``parametrar_sha256``: a hash of every parameter value in force in the decision's month, with
  its konfidens (adding a later year leaves it unchanged; correcting a figure for the month does not);
- ``variabler_sha256``: a hash of the rule files in variables/.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import weakref
from typing import Any

from openfisca_sweden_bistand import VARIABELKATALOG, __version__, kallkodens_commit
from openfisca_sweden_bistand.regelstod.parametrar import lov, varde_i_kraft

# system -> {date: hash}
_HASHAR: weakref.WeakKeyDictionary[Any, dict[datetime.date, str]] = weakref.WeakKeyDictionary()


def parametrar_sha256(system: Any, dag: datetime.date) -> str:
    """Hash of every parameter value in force on ``dag`` (name, start date, value, konfidens).

    Computed once per tax-benefit system and day: a system's parameters do not change once built
    (a reform is a new system).
    """
    per_dag = _HASHAR.setdefault(system, {})
    if dag not in per_dag:
        per_dag[dag] = _berakna_parametrar_sha256(system, dag)
    return str(per_dag[dag])


def _berakna_parametrar_sha256(system: Any, dag: datetime.date) -> str:
    rader = []
    for parameter in lov(system.parameters):
        varde = varde_i_kraft(parameter, dag)
        if varde is not None:
            rader.append([parameter.name, varde.instant_str, varde.value, varde.metadata.get("konfidens")])
    text = json.dumps(sorted(rader), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=1)
def variabler_sha256() -> str:
    summa = hashlib.sha256()
    for fil in sorted(VARIABELKATALOG.rglob("*.py")):
        summa.update(fil.relative_to(VARIABELKATALOG).as_posix().encode())
        summa.update(fil.read_bytes())
    return summa.hexdigest()


def regelversion(system: Any, dag: datetime.date) -> dict[str, Any]:
    return {
        "paket": __version__,
        "git": kallkodens_commit(),
        "parametrar_sha256": parametrar_sha256(system, dag),
        "variabler_sha256": variabler_sha256(),
    }
