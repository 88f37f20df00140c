"""Shared helpers for the reforms: running the baseline's formula inside a reformed one."""

from typing import Any


def baslinjens_formel(variabel: Any, population: Any, period: Any, parameters: Any) -> Any:
    """Run the baseline's formula for ``period`` (formulas take 2 or 3 arguments)."""
    formel = variabel.get_formula(period)
    if formel.__code__.co_argcount == 2:
        return formel(population, period)
    return formel(population, period, parameters)
