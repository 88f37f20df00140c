"""Inkomster: the household's incomes, after tax, by type (*inkomstslag*).

SoL (2025:400) 12 kap. 1 § första stycket (from 2025-07-01):
    "En enskild som inte själv kan tillgodose sina ekonomiska behov och inte heller kan få dem tillgodosedda
    på annat sätt har rätt att få ekonomiskt bistånd av socialnämnden för sin försörjning (försörjningsstöd)
    och för sina levnadskostnader i övrigt."
SoL (2001:453) 4 kap. 1 § (until 2025-06-30): the same right, "för sin försörjning (försörjningsstöd) och
för sin livsföring i övrigt".

Needs met "på annat sätt" include every income of the household (Socialstyrelsen's allmänna råd SOSFS 2013:1,
Inkomster), after tax, except where the law says otherwise (barns_arbetsinkomst.py, jobbstimulans.py,
barnets_andel.py). Which types are counted, and which are only shown: raknade.py. All amounts are monthly,
after tax (netto). Income that practice does not count at all (e.g. merkostnadsersättning, ideellt skadestånd)
is given as ej_raknad_inkomst with its basis; it is shown, never counted.
"""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall, Person
from openfisca_sweden_bistand.regelstod.lagrum import INKOMSTER, referenser
from openfisca_sweden_bistand.regelstod.poster import (
    EjRaknadInkomstGrund,
)


class inkomst_av_anstallning(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst av anställning efter skatt (nettolön)"
    reference = referenser(*INKOMSTER, "jobbstimulans", "barns_arbetsinkomst")


class inkomst_av_naringsverksamhet(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst av näringsverksamhet efter skatt"
    reference = referenser(*INKOMSTER, "barns_arbetsinkomst")


class arbetsloshetsersattning(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Arbetslöshetsersättning efter skatt"
    reference = referenser(*INKOMSTER)


class sjukpenning(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Sjukpenning, sjukersättning eller aktivitetsersättning efter skatt"
    reference = referenser(*INKOMSTER)


class aktivitetsstod(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Aktivitetsstöd, utvecklingsersättning eller etableringsersättning efter skatt"
    reference = referenser(*INKOMSTER)


class foraldrapenning(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Föräldrapenning efter skatt"
    reference = referenser(*INKOMSTER)


class pension(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Pension (ålders-, efterlevande- eller barnpension) efter skatt"
    reference = referenser(*INKOMSTER)


class studiebidrag(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Studiemedel (bidrag och lån) eller studiehjälp"
    documentation = """
    The name is kept for compatibility; the input is all study support received: CSN's grant and
    loan (for the few students who are entitled to försörjningsstöd the loan is also counted, e.g.
    Högsby kommun's list of income, "Utbildningsbidrag inkl. lån") or studiehjälp for a child in
    gymnasieskolan (the child's own income: see barnets_andel_av_behovet).
    """
    reference = referenser(*INKOMSTER)


class ovriga_inkomster(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Övriga inkomster efter skatt"
    reference = referenser(*INKOMSTER)


class underhallsstod_for_barnet(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Underhållsstöd eller underhållsbidrag som betalas för barnet"
    documentation = """
    Give it on the child it is paid for: it belongs to that child (föräldrabalken 7 kap. 1 §) and covers
    that child's own share of the need only. (The household's underhallsstod is accepted for one child; a
    sum for several children goes to a caseworker, skal_underhallsstod_ej_per_barn.)
    """
    reference = referenser(*INKOMSTER)


class ej_raknad_inkomst(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Inkomst som inte räknas in (med angiven grund)"
    documentation = """
    Income that practice does not count against the need, with its basis in
    ej_raknad_inkomst_grund: merkostnadsersättning, the omkostnadsdel of vårdbidrag or
    omvårdnadsbidrag, ideellt skadestånd, CSN's tilläggsbidrag for extra costs (municipal lists of
    income, e.g. Högsby kommun, "Försörjningsstödets storlek",
    https://hogsby.se/Omsorg-och-stoed/Individ-och-familjeomsorg/Ekonomiskt-bistaand/Foersoerjningsstoedets-storlek).
    Shown in the calculation, never counted; any other basis sends the case to a caseworker.
    """
    reference = referenser(*INKOMSTER)


class ej_raknad_inkomst_grund(Variable):
    value_type = Enum
    possible_values = EjRaknadInkomstGrund
    default_value = EjRaknadInkomstGrund.ingen
    entity = Person
    definition_period = MONTH
    label = "Grunden för att inkomsten inte räknas in"
    reference = referenser(*INKOMSTER)


class bostadsbidrag(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Bostadsbidrag eller bostadstillägg"
    reference = referenser(*INKOMSTER)


class underhallsstod(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Underhållsstöd eller underhållsbidrag för hushållets barn, som en summa"
    documentation = """
    The sum paid for the household's children, when it is not given per child
    (underhallsstod_for_barnet). It is counted up to what the children's own shares of the need
    leave after their own incomes (underhallsstod_utrymme); the rest is not counted. With more than
    one child the rules cannot know whose share it meets, so the case goes to a caseworker
    (skal_underhallsstod_ej_per_barn), who gives it per child.
    """
    reference = referenser(*INKOMSTER)
