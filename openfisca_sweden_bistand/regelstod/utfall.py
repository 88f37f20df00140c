"""The outcomes the rules give (*utfall*) and the decision (*beslut*): shared by the rule files of variables/beslut/.

- avslag: no försörjningsstöd (the household's income covers its needs);
- delvis_bifall: less than applied for (ansokt_belopp), or a claimed cost not accepted in full (housing above the
  municipal ceiling);
- bifall: the amount applied for.

The decision is that outcome, decided automatically, or manuell_provning: a caseworker decides, with the outcome
as a proposal.
"""

from openfisca_core.indexed_enums import Enum


class Utfall(Enum):
    bifall = "Bifall"
    delvis_bifall = "Delvis bifall"
    avslag = "Avslag"


class Beslut(Enum):
    bifall = "Bifall"
    delvis_bifall = "Delvis bifall"
    avslag = "Avslag"
    manuell_provning = "Manuell prövning"
