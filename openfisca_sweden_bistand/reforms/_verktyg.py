"""Shared helpers for the reforms: adding a parameter node with sourced values."""

from openfisca_core.parameters import ParameterNode


def lagg_till_parametrar(parametrar, namn: str, data: dict):
    """Add (or replace) the node ``reformer.<namn>`` built from ``data`` (OpenFisca's YAML structure)."""
    if "reformer" not in parametrar.children:
        parametrar.add_child("reformer", ParameterNode("reformer", data={"description": "Parametrar för reformer"}))
    nod = ParameterNode(f"reformer.{namn}", data=data)
    parametrar.children["reformer"].children[namn] = nod
    setattr(parametrar.children["reformer"], namn, nod)
    return parametrar


def varde(value, reference: str, kalla: str, konfidens: str = "provisional") -> dict:
    return {"value": value, "metadata": {"reference": reference, "konfidens": konfidens, "kalla": kalla}}


def baslinjens_formel(variabel, population, period, parameters):
    """Run the baseline's formula for ``period`` (formulas take 2 or 3 arguments)."""
    formel = variabel.get_formula(period)
    if formel.__code__.co_argcount == 2:
        return formel(population, period)
    return formel(population, period, parameters)
