"""Skäliga kostnader: reasonable actual costs outside the riksnorm.

SoL (2001:453) 4 kap. 3 § första stycket 2 / SoL (2025:400) 12 kap. 7 § första stycket 2:
försörjningsstöd also covers reasonable costs for boende, hushållsel, arbetsresor,
hemförsäkring samt medlemskap i fackförening och arbetslöshetskassa. They are met at their
actual amount, as far as the amount is reasonable.

Housing (SOSFS 2013:1, Boendekostnad): the reasonable housing cost is what low-income earners
in the locality can normally afford. The municipality may set a ceiling (boendekostnad_tak);
the actual cost is still accepted for a reasonable period (skäligt rådrum) in which the
household can find cheaper housing (boendekostnad_radrum).
"""

import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_sweden_bistand.entities import Hushall, Person
from openfisca_sweden_bistand.regelstod.lagrum import referenser
from openfisca_sweden_bistand.regelstod.poster import HUSHALL, KOSTNADSPOSTER, PERSON, variabler
from openfisca_sweden_bistand.regelstod.riktlinjer import BOENDEKOSTNAD_TAK_RADER, STORSTA_BARNRAD


class boendekostnad(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Faktisk boendekostnad (hyra, avgift eller räntor och driftkostnader)"
    reference = referenser("skaliga_kostnader", "boendekostnad")


class boendekostnad_avser_hushallets_andel(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Boendekostnaden är hushållets egen andel av kostnaden för bostaden som delas i hushållsgemenskapen"
    documentation = """
    When the household is in hushållsgemenskap with others (delat_boende), the housing cost to give is
    the household's own share of the home's cost, not the whole rent; this fact says that it is. Without
    it the case goes to a caseworker (skal_delat_boende), so that the full rent is never met for a share
    of the home by mistake. Courts have accepted counting only the share that the
    household is responsible for (kammarrätt case reported by JP Infonet,
    https://www.jpinfonet.se/kunskap/nyheter4/namnd-gjorde-ratt-nar-fyra-hemmaboende-vuxna-barns-hyresdelar-beaktades-vid-berakning-av-ekonomiskt-bistand/).
    """
    reference = referenser("skaliga_kostnader", "boendekostnad", "riksnorm_delat_boende")


class boendekostnad_tak(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kommunens högsta godtagbara boendekostnad för hushållet (0 = inget tak)"
    documentation = """
    The municipality's ceiling for a reasonable housing cost for a household of this kind (SOSFS 2013:1,
    Boendekostnad). There is no national ceiling: by default the municipality's guideline for the household's size
    (parameters/riktlinjer/boendekostnad_tak.yaml, a municipality's extension: openfisca_sweden_bistand/kommuner/),
    0 where it has none; a case may give the ceiling itself (0 = none).
    """
    reference = referenser("skaliga_kostnader", "boendekostnad")

    def formula(hushall, period, parameters):
        tak = parameters(period).riktlinjer.boendekostnad_tak
        rad = hushall("boendekostnad_tak_rad", period)
        belopp = np.select([rad == i for i in range(len(BOENDEKOSTNAD_TAK_RADER))],
                           [tak[namn] for namn in BOENDEKOSTNAD_TAK_RADER])
        utover = hushall("barn_utover_tabellen", period)
        return np.where((utover > 0) * (belopp > 0), belopp + utover * tak.per_ytterligare_barn, belopp)


class boendekostnad_tak_rad(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Raden i kommunens tabell över högsta boendekostnad som gäller hushållet"
    documentation = """
    An index into regelstod/riktlinjer.py BOENDEKOSTNAD_TAK_RADER: 0 one adult, 1 two adults (without children),
    2 … 6 a household with 1 … 5 or more children (whatever the number of adults).
    """
    reference = referenser("boendekostnad")

    def formula(hushall, period):
        barn = hushall("antal_barn_som_ska_forsorjas", period)
        utan_barn = (hushall("antal_vuxna", period) >= 2).astype(int)
        return np.where(barn == 0, utan_barn, 1 + np.minimum(barn, STORSTA_BARNRAD))


class barn_utover_tabellen(Variable):
    value_type = int
    entity = Hushall
    definition_period = MONTH
    label = "Antal barn utöver de fem som kommunens tabell över högsta boendekostnad har rader för"
    reference = referenser("boendekostnad")

    def formula(hushall, period):
        return np.maximum(0, hushall("antal_barn_som_ska_forsorjas", period) - STORSTA_BARNRAD)


class boendekostnad_radrum(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Hushållet har skäligt rådrum: den faktiska boendekostnaden godtas trots taket"
    reference = referenser("skaliga_kostnader", "boendekostnad")


class boendekostnad_begransad_av_tak(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Boendekostnaden begränsas till kommunens tak"
    documentation = "The actual cost is above the municipal ceiling (when one is given) and no rådrum applies."
    reference = referenser("skaliga_kostnader", "boendekostnad")

    def formula(hushall, period):
        tak = hushall("boendekostnad_tak", period)
        over_tak = (tak > 0) * (hushall("boendekostnad", period) > tak)
        return over_tak * np.logical_not(hushall("boendekostnad_radrum", period))


class boendekostnad_radrum_tillampas(Variable):
    value_type = bool
    entity = Hushall
    definition_period = MONTH
    label = "Boendekostnaden är över kommunens tak men godtas under skäligt rådrum"
    reference = referenser("skaliga_kostnader", "boendekostnad")

    def formula(hushall, period):
        tak = hushall("boendekostnad_tak", period)
        over_tak = (tak > 0) * (hushall("boendekostnad", period) > tak)
        return over_tak * hushall("boendekostnad_radrum", period)


class skalig_boendekostnad(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Skälig boendekostnad"
    documentation = "The actual housing cost, capped by the municipal ceiling when one is given and no rådrum applies."
    reference = referenser("skaliga_kostnader", "boendekostnad")

    def formula(hushall, period):
        begransad = hushall("boendekostnad_begransad_av_tak", period)
        return np.where(begransad, hushall("boendekostnad_tak", period), hushall("boendekostnad", period))


class hushallsel(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kostnad för hushållsel"
    reference = referenser("skaliga_kostnader")


class hemforsakring(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kostnad för hemförsäkring"
    reference = referenser("skaliga_kostnader")


class arbetsresor(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Kostnad för resor till och från arbetet"
    reference = referenser("skaliga_kostnader")


class avgift_fackforening(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Medlemsavgift till fackförening"
    reference = referenser("skaliga_kostnader")


class avgift_arbetsloshetskassa(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Medlemsavgift till arbetslöshetskassa"
    reference = referenser("skaliga_kostnader")


class skaliga_kostnader(Variable):
    value_type = float
    entity = Hushall
    definition_period = MONTH
    unit = "currency-SEK"
    label = "Skäliga kostnader utanför riksnormen"
    documentation = """
    Skälig boendekostnad + hushållsel + hemförsäkring + every member's work travel, union and a-kassa fees:
    the items of the part skaliga_kostnader in openfisca_sweden_bistand/regelstod/poster.py.
    """
    reference = referenser("skaliga_kostnader")

    def formula(hushall, period):
        hushallets = sum(hushall(namn, period) for namn in variabler(KOSTNADSPOSTER, HUSHALL))
        personliga = hushall.sum(sum(hushall.members(namn, period) for namn in variabler(KOSTNADSPOSTER, PERSON)))
        return hushallets + personliga
