"""Shared helpers for the reforms: their base class, and running the baseline's formula inside a reformed one."""

from typing import Any

from openfisca_core import reforms


class Reform(reforms.Reform):
    """OpenFisca's Reform, loading a municipality's guidelines as the package's own system does: each value over
    the national one from its date, only the open terms (``openfisca_sweden_bistand/kommuner/``). OpenFisca's test
    runner applies a case's ``reforms`` before its ``extensions``, so a reformed system must load them too.
    ``i_kraft_fran`` (YYYY-MM-DD) is the day a proposal would apply from, None for a choice with no date."""

    i_kraft_fran: str | None = None

    def load_extension(self, extension: str) -> None:
        from openfisca_sweden_bistand.kommuner import ladda

        ladda(self, extension)


def baslinjens_formel(variabel: Any, population: Any, period: Any, parameters: Any) -> Any:
    """Run the baseline's formula for ``period`` (formulas take 2 or 3 arguments)."""
    formel = variabel.get_formula(period)
    if formel.__code__.co_argcount == 2:
        return formel(population, period)
    return formel(population, period, parameters)
