"""A case's field in the law's words: ``personer.anna.inkomst_av_anstallning`` → "anna: Inkomst av anställning
efter skatt". The JSON keeps the dotted field (an integrator's contract); what a caseworker or an applicant reads
(the letter, the calculation, the web page) shows the variable's label, and the month when the field names one."""

from __future__ import annotations

import re

from openfisca_sweden_bistand.system import skattesystem

_MANAD = re.compile(r"\d{4}-\d{2}")


def etikett(falt: str) -> str:
    """The label of the variable at the dotted ``falt`` (``personer|hushallen.<id>.<variabel>[.<månad>]``): the
    person's id before it, the month after it; the field itself when it names no variable."""
    delar = str(falt).split(".")
    if len(delar) < 3 or delar[0] not in ("personer", "hushallen"):
        return str(falt)
    grupp, entitet, namn, *rest = delar
    variabel = skattesystem().variables.get(namn)
    if variabel is None:
        return str(falt)
    text = str(variabel.label)
    if grupp == "personer":
        text = f"{entitet}: {text}"
    if rest and _MANAD.fullmatch(rest[0]):
        text += f" ({rest[0]})"
    return text
