"""``python -m openfisca_sweden_bistand``: the same command line as ``bistand``."""

import sys

from openfisca_sweden_bistand.granssnitt.cli import main

sys.exit(main())
