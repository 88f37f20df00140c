"""Conditions stated once: read by the rules (vectorised, in variables/) and by the list of facts a decision needs
(one case, in arende/underlag.py), so that the two can never drift apart (the review, December 2026, A5.3).
"""

from __future__ import annotations

from typing import Any

import numpy as np


def i_hushallsgemenskap_med_andra(personer_i_gemenskapen: Any, antal_personer: Any,
                                  antal_hushallsmedlemmar: Any) -> Any:
    """The household is in hushållsgemenskap with persons who are not its members (SoF 2001:937 2 kap. 1 § sista
    stycket; SoF 2025:468 12 kap. 3 § andra stycket): the community (everyone in the case, or the caseworker's
    count of the whole hushållsgemenskap when larger) has more persons than the household has members."""
    return np.maximum(antal_personer, personer_i_gemenskapen) > antal_hushallsmedlemmar


def med_stod_i_folj(person: Any, period: Any, antal: int) -> Any:
    """The person received försörjningsstöd in each of the ``antal`` months before ``period`` (jobbstimulans, the
    previous month's support, the proposed aktivitetskrav): by manader_i_folj_med_stod where it is given (0 or
    more), else by mottog_forsorjningsstod month by month."""
    manader = person("manader_i_folj_med_stod", period)
    if not person.get_holder("mottog_forsorjningsstod").get_known_periods():
        return manader >= antal
    historik = np.all([person("mottog_forsorjningsstod", period.offset(-k)) for k in range(1, antal + 1)], axis=0)
    return np.where(manader >= 0, manader >= antal, historik)
