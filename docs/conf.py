"""Sphinx configuration. The rulebook, the parameter tables and the test catalogue are generated
from the code at every build (openfisca_sweden_bistand/underhall/dokumentation.py) into docs/_genererat/."""

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROT = DOCS.parent
sys.path.insert(0, str(ROT))

from openfisca_sweden_bistand import __version__  # noqa: E402
from openfisca_sweden_bistand.underhall.dokumentation import skriv  # noqa: E402

skriv(DOCS / "_genererat", ROT / "tests" / "yaml")

project = "openfisca-sweden-bistand"
copyright = "openfisca-sweden-bistand contributors"
version = release = __version__
language = "sv"
extensions = []
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_title = "Ekonomiskt bistånd som lag-som-kod"
html_theme_options = {"description": "Försörjningsstöd på OpenFisca: regelbok, testkatalog och guider"}
# A literal block (a module's or a variable's documentation, the law quoted) is text, not Python: not highlighted.
highlight_language = "none"
html_static_path = ["_static"]
html_css_files = ["regelbok.css"]
