"""Students: an adult who studies with CSN's studiemedel.

SoL (2025:400) 12 kap. 1 § / SoL (2001:453) 4 kap. 1 §: the right to bistånd exists only for a need that cannot be
met "på annat sätt". A student is expected to live on studiemedel; bistånd comes in question for an acute need, or
between terms (case law: RÅ 1996 ref. 13, "Den som är vuxenstuderande och uppbär studiestöd är inte berättigad till
bistånd annat än för akuta situationer", as the lower court put it; HFD 2011:56: a student cannot be required to
meet, from studiemedel, costs that belong to the time after the term). Municipalities say the same (Skövde: "Du som
är studerande har som regel inte rätt till försörjningsstöd … Undantag kan göras vid sommaruppehåll i studier").

Which of these applies is an assessment of the case: a household with an adult who studies with studiemedel, or
who has a studiebidrag, goes to a caseworker (skal_studerande), never to an automated grant or refusal.
"""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Person
from openfisca_sweden_bistand.regelstod.lagrum import referenser


class studerande_med_studiemedel(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Studerar med studiemedel från CSN (studiebidrag eller studielån) under månaden"
    reference = referenser("ratt_till_bistand", "studerande")


class studerande_vuxen(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "En vuxen som studerar med studiemedel eller har studiebidrag"
    documentation = "A child's studiebidrag (studiehjälp in upper secondary school) is not studiemedel."
    reference = referenser("ratt_till_bistand", "studerande")

    def formula(person, period):
        studerar = person("studerande_med_studiemedel", period) + (person("studiebidrag", period) > 0)
        return person("ar_vuxen", period) * studerar
