"""The named categories a case gives (Enum), shared by the rules that read them and the reasons for manual review."""

from openfisca_core.indexed_enums import Enum


class HogreNormSkal(Enum):
    """Grounds to compute the riksnorm higher in the individual case (SOSFS 2013:1; variables/hogre_norm.py)."""

    ingen = "Inget särskilt skäl"
    skolmaltider = "Avgift för skolmåltider"
    medicinsk_kost = "Dyrare kost av medicinska skäl"
    kost_i_avgift = "Höga livsmedelskostnader för att kosten ingår i en avgift"
    annat = "Annat särskilt skäl"


class ForskottForman(Enum):
    """The benefit a grant is an advance on (SoL 2025:400 33 kap. 2 § 1 a; variables/forskott.py)."""

    ingen = "Inget förskott"
    sjukpenning = "Sjukpenning eller sjukersättning"
    arbetsloshetsersattning = "Arbetslöshetsersättning"
    aktivitetsstod = "Aktivitetsstöd eller etableringsersättning"
    foraldrapenning = "Föräldrapenning"
    bostadsbidrag = "Bostadsbidrag"
    pension = "Pension"
    underhallsstod = "Underhållsstöd"
    annan = "Annan förmån eller ersättning"
