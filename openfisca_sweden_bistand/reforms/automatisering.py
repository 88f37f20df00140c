"""Automation-policy regimes (automatiseringspolicy) for comparing who decides what.

The baseline (parameters/automatisering/) lets a nämnd delegate decisions to an automated decision
function from 1 July 2022 (kommunallagen 6 kap.) and, by its default policy, decides only full
grants automatically. These reforms change the policy for every month from 2013:

- ``IngaAutomatiseradeBeslut``: every decision goes to a caseworker (the law before July 2022,
  or a nämnd that does not delegate);
- ``AutomatiseradeBifall``: full grants only: the baseline policy, also before July 2022;
- ``AllaUtfallAutomatiseras``: full grants, partial grants and rejections are all decided
  automatically, a rejection at a renewal too: the change rule (``skal_stor_forandring``) no longer holds
  back an avslag after support last month (``granser.stor_forandring_vid_avslag`` false). A first
  application, a large change in a grant and every other reason still go to a caseworker. The regime the
  Trelleborg robot was described as running (Trelleborgs kommun's page "Så här hanteras en digital
  ansökan"); not recommended: a rejection should be decided by a person, dataskyddsförordningen art. 22,
  and a discrepancy must never become an automatic rejection, the lesson of Robodebt and the Dutch
  toeslagenaffaire.

In a YAML test: ``reforms: openfisca_sweden_bistand.reforms.automatisering.AllaUtfallAutomatiseras``.
"""

from typing import Any

from openfisca_core import periods

from openfisca_sweden_bistand.reforms._verktyg import Reform

FRAN = periods.instant("2013-01-01")


def _satt(parametrar: Any, tillatna: bool, utfall: dict[str, bool], avslag_trots_stor_forandring: bool = False) -> Any:
    automatisering = parametrar.automatisering
    automatisering.automatiserade_beslut_tillatna.update(start=FRAN, value=tillatna)
    for namn, varde in utfall.items():
        automatisering.automatiska_utfall.children[namn].update(start=FRAN, value=varde)
    if avslag_trots_stor_forandring:
        automatisering.granser.stor_forandring_vid_avslag.update(start=FRAN, value=False)
    return parametrar


class IngaAutomatiseradeBeslut(Reform):
    name = "Inga automatiserade beslut"

    def apply(self) -> None:
        self.modify_parameters(modifier_function=lambda p: _satt(p, False, {}))


class AutomatiseradeBifall(Reform):
    name = "Automatiserade beslut endast vid bifall"

    def apply(self) -> None:
        self.modify_parameters(
            modifier_function=lambda p: _satt(p, True, {"bifall": True, "delvis_bifall": False, "avslag": False})
        )


class AllaUtfallAutomatiseras(Reform):
    name = "Alla utfall beslutas automatiskt"

    def apply(self) -> None:
        self.modify_parameters(
            modifier_function=lambda p: _satt(p, True, {"bifall": True, "delvis_bifall": True, "avslag": True},
                                              avslag_trots_stor_forandring=True)
        )
