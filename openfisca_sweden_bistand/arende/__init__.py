"""Reading a case (las), checking its values (validering) and what a decision needs (underlag).

``from openfisca_sweden_bistand.arende import las_arende`` keeps working for callers of the flat
layout; new code imports from ``arende.las``."""

from openfisca_sweden_bistand.arende.las import Arende, ArendeFel, las_arende, las_situation

__all__ = ["Arende", "ArendeFel", "las_arende", "las_situation"]
