"""Checking one value of a case: months, days, and a value against its variable's type and range.

The case reader (``las.py``) and the caseload CSV reader (``analys/arendebestand.py``) share these
checks, so that a value refused in a case is refused in a caseload too. Every error is an
``ArendeFel`` naming the field.
"""

from __future__ import annotations

import calendar
import datetime
import json
import re
from typing import Any

from openfisca_core.indexed_enums import Enum

from openfisca_sweden_bistand.regelstod.dagar import DAGVARIABLER, HOGSTA_DAG

FORSTA_MANAD = "2013-01"  # the first month the parameters cover
HOGSTA_BELOPP = 10_000_000  # kronor per month; anything above is taken for an input error
HOGSTA_TILLGANG = 1_000_000_000  # kronor, for assets (a stock, not a monthly amount)
TILLGANGAR = ("tillgangar_sparande", "tillgangar_ovriga")
HOGSTA_ALDER = 130
HOGSTA_ANTAL_PERSONER = 50
MANAD = re.compile(r"([0-9]{4})-([0-9]{2})")  # with fullmatch: no final newline, ASCII digits only
DAG = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")  # with fullmatch, ASCII digits only
FORSTA_DAG, SISTA_DAG = datetime.date(2013, 1, 1), datetime.date(2100, 12, 31)


class ArendeFel(ValueError):
    """A case that cannot be computed. ``falt`` is the dotted path of the field at fault."""

    def __init__(self, falt: str, meddelande: str) -> None:
        self.falt = falt
        self.meddelande = meddelande
        super().__init__(f"{falt}: {meddelande}" if falt else meddelande)

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:  # pickled as it was made (a heavy request's process)
        return type(self), (self.falt, self.meddelande)


def _som_json(varde: Any) -> str:
    return json.dumps(varde, ensure_ascii=False)


def las_manad(text: Any, falt: str) -> str:
    """A month ``YYYY-MM``, checked; returned as given."""
    if not isinstance(text, str) or not (traff := MANAD.fullmatch(text)):
        raise ArendeFel(falt, f"en månad skrivs ÅÅÅÅ-MM, inte {_som_json(text)}")
    ar, manad = int(traff.group(1)), int(traff.group(2))
    if not 1 <= manad <= 12:
        raise ArendeFel(falt, f"ogiltig månad {text}")
    if text < FORSTA_MANAD:
        raise ArendeFel(falt, f"{text} ligger före {FORSTA_MANAD}, den första månad modellen har regler för")
    if ar > 2100:
        raise ArendeFel(falt, f"orimligt årtal {ar}")
    return text


def las_dag(text: Any, falt: str) -> str:
    """A day ``YYYY-MM-DD`` between 2013-01-01 and 2100-12-31, checked; returned as given."""
    if not isinstance(text, str) or not (traff := DAG.fullmatch(text)):
        raise ArendeFel(falt, f"ett datum skrivs ÅÅÅÅ-MM-DD, inte {_som_json(text)}")
    try:
        dag = datetime.date(*(int(del_) for del_ in traff.groups()))
    except ValueError:
        raise ArendeFel(falt, f"ogiltigt datum {text}") from None
    if not FORSTA_DAG <= dag <= SISTA_DAG:
        raise ArendeFel(falt, f"{text} ligger utanför {FORSTA_DAG.isoformat()}–{SISTA_DAG.isoformat()}")
    return text


def _kontrollera_bool(varde: Any, falt: str) -> bool:
    if not isinstance(varde, bool):
        raise ArendeFel(falt, f"ska vara true eller false, inte {_som_json(varde)}")
    return varde


def _kontrollera_enum(variabel: Any, varde: Any, falt: str) -> str:
    giltiga = [post.name for post in variabel.possible_values]
    if varde not in giltiga:
        raise ArendeFel(falt, f"ska vara ett av {', '.join(giltiga)}")
    return str(varde)


def _kontrollera_tal(variabel: Any, varde: Any, falt: str) -> int | float:
    """A number: finite, an integer where the variable is one, not negative."""
    if isinstance(varde, bool) or not isinstance(varde, (int, float)):
        raise ArendeFel(falt, f"ska vara ett tal, inte {_som_json(varde)}")
    if varde != varde or varde in (float("inf"), float("-inf")):
        raise ArendeFel(falt, "ska vara ett ändligt tal")
    if variabel.value_type is int and int(varde) != varde:
        raise ArendeFel(falt, f"ska vara ett heltal, inte {varde}")
    if varde < 0:
        raise ArendeFel(falt, f"får inte vara negativt ({varde})")
    return varde


def _kontrollera_dag(variabel: Any, varde: int | float, falt: str, manad: str | None) -> None:
    """A day of the month: stod_fran_dag 1 … the month's last day; a number of days 0 … the month's days."""
    dagar = calendar.monthrange(int(manad[:4]), int(manad[5:7]))[1] if manad else HOGSTA_DAG
    lagsta = 1 if variabel.name == "stod_fran_dag" else 0
    if not lagsta <= varde <= dagar:
        raise ArendeFel(falt, f"ska vara {lagsta}–{dagar} (dagar i månaden), inte {varde}")


def _kontrollera_storlek(variabel: Any, varde: int | float, falt: str) -> None:
    """An amount, a number of persons or an age that no real case has is taken for an input error."""
    if variabel.name in TILLGANGAR:
        if varde > HOGSTA_TILLGANG:
            raise ArendeFel(falt, f"orimligt belopp {varde} kr (högst {HOGSTA_TILLGANG})")
    elif variabel.unit == "currency-SEK" and varde > HOGSTA_BELOPP:
        raise ArendeFel(falt, f"orimligt belopp {varde} kr per månad (högst {HOGSTA_BELOPP})")
    if variabel.name == "personer_i_gemensamt_boende" and varde > HOGSTA_ANTAL_PERSONER:
        raise ArendeFel(falt, f"orimligt antal personer {varde} (högst {HOGSTA_ANTAL_PERSONER})")
    if variabel.name == "alder" and varde > HOGSTA_ALDER:
        raise ArendeFel(falt, f"orimlig ålder {varde}")


def kontrollera_varde(variabel: Any, varde: Any, falt: str, manad: str | None = None) -> Any:
    """Check one value against its OpenFisca variable's type and range; return it as the variable's type.
    ``manad`` (YYYY-MM), when known, bounds a day of the month by the month's length."""
    typ = variabel.value_type
    if typ is datetime.date:
        return las_dag(varde, falt)
    if typ is bool:
        return _kontrollera_bool(varde, falt)
    if typ is Enum:
        return _kontrollera_enum(variabel, varde, falt)
    tal = _kontrollera_tal(variabel, varde, falt)
    _kontrollera_storlek(variabel, tal, falt)
    if variabel.name in DAGVARIABLER:
        _kontrollera_dag(variabel, tal, falt, manad)
    return int(tal) if typ is int else float(tal)
