"""Municipal policy choices (kommunala val) other than the defaults in parameters/, for scenarios and tests.

A YAML test's ``parameters:`` override replaces the whole parameter tree, so a policy is tested here
with a small reform that changes one policy parameter from 2013 on:

- ``BarnsOverskjutandeArbetsinkomstRaknasInte``: the part of a child's or school youth's own work
  income above one prisbasbelopp a year is never counted and no caseworker is asked. The statute
  says that part "får" (may) be counted (SoL 2001:453 4 kap. 1 a § tredje stycket; SoL 2025:400
  12 kap. 9 § tredje stycket); some municipalities never count children's wages.
- ``BarnsOverskjutandeArbetsinkomstRaknasUtanProvning``: the part above the limit is always counted,
  without a caseworker's assessment (not recommended: the statute leaves it to an individual
  assessment, Malmö stad, https://soctanter.malmo.se/fraga/114).
- ``AvrundningNedat``: the final amount is rounded down to whole kronor instead of to the nearest
  krona (no statute or allmänt råd sets the rounding; parameters/avrundning.yaml).
"""

from typing import Any

from openfisca_core import periods
from openfisca_core.reforms import Reform

FRAN = periods.instant("2013-01-01")
KALLA = "openfisca_sweden_bistand.reforms.kommunala_val"


def _satt(parameter: Any, varde: Any, beskrivning: str) -> None:
    parameter.update(start=FRAN, value=varde)
    parameter.values_list[0].metadata.update({
        "reference": f"Kommunalt val (scenario): {beskrivning}", "konfidens": "policy", "kalla": KALLA})


def _overskjutande_del(namn: str, raknas: bool) -> type[Reform]:
    """A reform: the part of a child's work income above the limit always (``raknas``) or never counted,
    without a caseworker's assessment."""

    class OverskjutandeDel(Reform):
        name = namn

        def apply(self) -> None:
            def andra(p: Any) -> Any:
                del_ = p.inkomster.barns_arbetsinkomst.overskjutande_del
                _satt(del_.raknas, raknas, self.name)
                _satt(del_.provas_av_handlaggare, False, self.name)
                return p

            self.modify_parameters(modifier_function=andra)

    return OverskjutandeDel


BarnsOverskjutandeArbetsinkomstRaknasInte = _overskjutande_del(
    "Barns arbetsinkomst över ett prisbasbelopp räknas aldrig in", raknas=False)
BarnsOverskjutandeArbetsinkomstRaknasUtanProvning = _overskjutande_del(
    "Barns arbetsinkomst över ett prisbasbelopp räknas alltid in, utan prövning", raknas=True)


class AvrundningNedat(Reform):
    name = "Försörjningsstödet avrundas nedåt till hela kronor"

    def apply(self) -> None:
        def andra(p: Any) -> Any:
            _satt(p.avrundning.forsorjningsstod_nedat, True, self.name)
            return p

        self.modify_parameters(modifier_function=andra)
