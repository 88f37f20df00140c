"""Att stå till arbetsmarknadens förfogande (the labour-market condition).

SoL (2001:453) 4 kap. 1 § andra stycket / SoL (2025:400) 12 kap. 3 §: a person who can work but
cannot support themselves has a right to försörjningsstöd if they stand at the labour market's
disposal, which includes taking part in SFI when needed; with acceptable reasons (godtagbara skäl)
the right applies even without it. Whether someone can work, and whether reasons are acceptable,
is a caseworker's assessment: the model takes the result as input and never decides it. The
decision routes to a caseworker when the facts are missing or point to an assessment.
"""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Person
from openfisca_sweden_bistand.regelstod.lagrum import referenser


class kan_arbeta(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "Personen bedöms kunna arbeta (ska stå till arbetsmarknadens förfogande)"
    documentation = """
    A caseworker's assessment. Default: yes, so that the labour-market condition is checked
    unless an assessment says otherwise. False (e.g. sickness with a medical certificate) sends
    the decision to a caseworker, as it rests on health data.
    """
    reference = referenser("arbetsmarknadens_forfogande")


class aktiv_arbetsmarknadsplanering(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Personen har en aktiv arbetsmarknadsplanering (planering hos Arbetsförmedlingen eller kommunen)"
    documentation = "Default: no, so that an adult who can work and has no recorded plan goes to a caseworker."
    reference = referenser("arbetsmarknadens_forfogande")
