"""Municipal policy choices (kommunala val) other than the defaults in parameters/, for scenarios and tests.

A YAML test's ``parameters:`` override replaces the whole parameter tree, so a policy is tested here
with a small reform that changes one policy parameter from 2013 on:

- ``BarnsOverskjutandeArbetsinkomstRaknasInte``: the part of a child's or school youth's own work
  income above one prisbasbelopp a year is never counted and no caseworker is asked. The statute
  says that part "får" (may) be counted (SoL 2001:453 4 kap. 1 a § tredje stycket; SoL 2025:400
  12 kap. 9 § tredje stycket); some municipalities never count children's wages.
- ``BarnsOverskjutandeArbetsinkomstRaknasUtanProvning``: the part above the limit is always counted,
  without a caseworker's assessment (legally doubtful, not recommended: "får" leaves it to an
  individual assessment, Malmö stad, https://soctanter.malmo.se/fraga/114).

Both set the one policy ``inkomster.barns_arbetsinkomst.overskjutande_del`` (default ``handlaggare``: the
proposal counts the part above the limit and a caseworker decides).
- ``AvrundningNedat``: the final amount is rounded down to whole kronor instead of to the nearest
  krona (no statute or allmänt råd sets the rounding; parameters/avrundning.yaml).
"""

from typing import Any

from openfisca_core import periods

from openfisca_sweden_bistand.reforms._verktyg import Reform
from openfisca_sweden_bistand.regelstod.riktlinjer import OVERSKJUTANDE_DEL_RAKNAS, OVERSKJUTANDE_DEL_RAKNAS_INTE

FRAN = periods.instant("2013-01-01")
KALLA = "openfisca_sweden_bistand.reforms.kommunala_val"


def _satt(parameter: Any, varde: Any, beskrivning: str) -> None:
    parameter.update(start=FRAN, value=varde)
    parameter.values_list[0].metadata.update({
        "reference": f"Kommunalt val (scenario): {beskrivning}", "konfidens": "policy", "kalla": KALLA})


def _overskjutande_del(namn: str, policy: str) -> type[Reform]:
    """A reform: the nämnd's policy for the part of a child's work income above the limit, from 2013 on."""

    class OverskjutandeDel(Reform):
        name = namn

        def apply(self) -> None:
            def andra(p: Any) -> Any:
                _satt(p.inkomster.barns_arbetsinkomst.overskjutande_del, policy, self.name)
                return p

            self.modify_parameters(modifier_function=andra)

    return OverskjutandeDel


BarnsOverskjutandeArbetsinkomstRaknasInte = _overskjutande_del(
    "Barns arbetsinkomst över ett prisbasbelopp räknas aldrig in", OVERSKJUTANDE_DEL_RAKNAS_INTE)
BarnsOverskjutandeArbetsinkomstRaknasUtanProvning = _overskjutande_del(
    "Barns arbetsinkomst över ett prisbasbelopp räknas alltid in, utan prövning (rättsligt tveksamt)",
    OVERSKJUTANDE_DEL_RAKNAS)


class AvrundningNedat(Reform):
    name = "Försörjningsstödet avrundas nedåt till hela kronor"

    def apply(self) -> None:
        def andra(p: Any) -> Any:
            _satt(p.avrundning.forsorjningsstod_nedat, True, self.name)
            return p

        self.modify_parameters(modifier_function=andra)
