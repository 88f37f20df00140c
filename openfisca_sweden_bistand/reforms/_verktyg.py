"""Shared helpers for the reforms: adding a parameter node with sourced values."""

from typing import Any

from openfisca_core.parameters import ParameterNode


def lagg_till_parametrar(parametrar: Any, namn: str, data: dict[str, Any]) -> Any:
    """Add (or replace) the node ``reformer.<namn>`` built from ``data`` (OpenFisca's YAML structure)."""
    if "reformer" not in parametrar.children:
        parametrar.add_child("reformer", ParameterNode("reformer", data={"description": "Parametrar för reformer"}))
    nod = ParameterNode(f"reformer.{namn}", data=data)
    parametrar.children["reformer"].children[namn] = nod
    setattr(parametrar.children["reformer"], namn, nod)
    return parametrar


def varde(value: Any, reference: str, kalla: str, konfidens: str = "provisional") -> dict[str, Any]:
    return {"value": value, "metadata": {"reference": reference, "konfidens": konfidens, "kalla": kalla}}


def baslinjens_formel(variabel: Any, population: Any, period: Any, parameters: Any) -> Any:
    """Run the baseline's formula for ``period`` (formulas take 2 or 3 arguments)."""
    formel = variabel.get_formula(period)
    if formel.__code__.co_argcount == 2:
        return formel(population, period)
    return formel(population, period, parameters)
