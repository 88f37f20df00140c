"""Reading the provenance (konfidens, källa) of dated parameter values.

Each value in ``parameters/`` carries ``metadata.konfidens``:

- ``official``: read in an official text (SFS, Socialstyrelsen, regeringen.se);
- ``reprint``: read in a municipal page or public code that reproduces official figures;
- ``derived``: computed from an official rule (an uplift, a difference of official totals);
- ``provisional``: an estimate. Not law;
- ``policy``: a policy choice (the municipality's automation policy), not a legal figure.

A value without ``konfidens`` (for example one added by a reform) is treated as not official.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import numpy as np
from openfisca_core import periods
from openfisca_core.parameters import Parameter, ParameterNode

KONFIDENSNIVAER = ("official", "reprint", "derived", "provisional", "policy")


def _som_datum(instant: Any) -> datetime.date:
    if isinstance(instant, datetime.date):
        return instant
    instant = periods.instant(instant)
    return datetime.date(instant.year, instant.month, instant.day)


def _dagtext(instant: Any) -> str:
    """``YYYY-MM-DD`` for an Instant, a date or such a string (formulas call this often: no parsing)."""
    if isinstance(instant, periods.Instant):
        return f"{instant.year:04d}-{instant.month:02d}-{instant.day:02d}"
    if isinstance(instant, datetime.date):
        return instant.isoformat()
    return _som_datum(instant).isoformat()


def varde_i_kraft(parameter: Parameter, instant: Any) -> Any:
    """The ``ParameterAtInstant`` (value with its metadata) in force at ``instant``, or None."""
    dag = _dagtext(instant)
    for varde in parameter.values_list:  # newest first
        if varde.instant_str <= dag:
            return varde
    return None


def varde_vid(rot: ParameterNode, stig: str, instant: Any) -> Any:
    """The value of the parameter at the dotted path ``stig`` in force at ``instant``, or None before its first
    value (a rule that has no figure for an earlier month says so instead of failing)."""
    varde = varde_i_kraft(parameter(rot, stig), instant)
    return None if varde is None else varde.value


def ar_officiell(parameter: Parameter, instant: Any) -> bool:
    """True when the value in force at ``instant`` was read in an official text."""
    varde = varde_i_kraft(parameter, instant)
    return varde is not None and varde.metadata.get("konfidens") == "official"


def ar_provisorisk(parameter: Parameter, instant: Any) -> bool:
    """True when the value in force at ``instant`` is an estimate or a reading (konfidens provisional)."""
    varde = varde_i_kraft(parameter, instant)
    return varde is not None and varde.metadata.get("konfidens") == "provisional"


def giltig_till(node: ParameterNode) -> datetime.date | None:
    """The node's ``metadata.giltig_till``: the last day for which its values have been entered."""
    text = node.metadata.get("giltig_till")
    return datetime.date.fromisoformat(str(text)) if text else None


def bortom_giltighet(node: ParameterNode, instant: Any) -> bool:
    """True when ``instant`` is after the last day the node's values were entered for."""
    grans = giltig_till(node)
    return grans is not None and _som_datum(instant) > grans


def parameter(rot: ParameterNode, stig: str) -> Any:
    """The parameter or node at the dotted path ``stig`` (e.g. ``riksnorm.vuxna.ensamstaende``)."""
    nod = rot
    for del_ in stig.split("."):
        try:
            nod = nod.children[del_]
        except (AttributeError, KeyError):
            raise KeyError(f"ingen parameter {stig!r}") from None
    return nod


def lov(node: ParameterNode) -> Iterator[Parameter]:
    """All leaf parameters under ``node``, depth first."""
    for barn in node.children.values():
        if isinstance(barn, ParameterNode):
            yield from lov(barn)
        else:
            yield barn


def vid_beslutsdatum(hushall: Any, period: Any, parameters: Any, varde: Any) -> Any:
    """``varde(automatiseringsparametrar)`` taken at each household's decision date, as an array.

    The automation policy (parameters/automatisering) is the nämnd's delegation, in force on the day
    the decision is made, not in the month it concerns (variables/beslut/, variables/kontroll.py)."""
    datum = hushall("beslutsdatum", period)
    if datum.size and datum.min() == datum.max():  # one decision date (a caseload, a case): no sort of the dates
        return np.asarray(varde(parameters(str(datum[0])).automatisering))
    resultat = None
    for dag in np.unique(datum):
        svar = np.asarray(varde(parameters(str(dag)).automatisering))
        resultat = svar if resultat is None else np.where(datum == dag, svar, resultat)
    return resultat


EJ_OFFICIELLA = "\n\nVärden som inte är lästa i en officiell text (ur parametrarnas metadata):\n"


def dokumentera_konfidens(nod: Any) -> None:
    """Every parameter's ``documentation`` lists each dated value that is not ``official`` (the OpenFisca web API
    and the Legislation Explorer show the documentation, not the values' metadata), generated from the metadata so
    that it can never fall behind it; run again (a municipality's values merged in), it replaces its own list."""
    for barn in ([nod] if isinstance(nod, Parameter) else nod.children.values()):
        if not isinstance(barn, Parameter):
            dokumentera_konfidens(barn)
            continue
        ej_officiella = [v for v in reversed(barn.values_list)
                         if v.value is not None and v.metadata.get("konfidens") != "official"]
        egen = (barn.documentation or "").split(EJ_OFFICIELLA)[0].rstrip()
        if not ej_officiella:
            barn.documentation = egen or None
            continue
        rader = [f"- fr.o.m. {v.instant_str}: konfidens {v.metadata.get('konfidens', 'saknas')}"
                 + (f" ({v.metadata['kalla']})" if v.metadata.get("kalla") else "") for v in ej_officiella]
        barn.documentation = (egen + EJ_OFFICIELLA).lstrip() + "\n".join(rader) + "\n"
