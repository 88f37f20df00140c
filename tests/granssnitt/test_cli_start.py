"""The command line starts at once: a command imports only what it uses (issue 24). ``bistand beslut`` needs the
rules and the decision, not the web stack, the register or the charts."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

OANVANDA = ("flask", "werkzeug", "gunicorn", "openfisca_web_api", "sqlalchemy", "matplotlib", "pandas", "mcp",
            "cryptography", "openfisca_sweden_bistand.granssnitt.webb", "openfisca_sweden_bistand.register.lagring")


def _importerade(*argument: str) -> set[str]:
    kod = ("import json, sys\nfrom openfisca_sweden_bistand.granssnitt import cli\n"
           f"kod = cli.main({list(argument)!r})\n"
           "print(json.dumps([kod, sorted(sys.modules)]), file=sys.stderr)\n")
    svar = subprocess.run([sys.executable, "-c", kod], capture_output=True, text=True, timeout=120)
    kod_, moduler = json.loads(svar.stderr.strip().splitlines()[-1])
    assert kod_ == 0, svar.stderr[-2000:]
    return set(moduler)


@pytest.mark.parametrize("argument", [("beslut", "--exempel", "familj_2026"),
                                      ("beslut", "--exempel", "familj_2026", "--format", "json"),
                                      ("ateransokan", "--exempel", "ateransokan_2026")])
def test_beslut_importerar_inte_webben_registret_eller_diagrammen(argument):
    moduler = _importerade(*argument)
    assert "openfisca_sweden_bistand.forklaring.beslut" in moduler  # it did decide
    assert not moduler & set(OANVANDA), sorted(moduler & set(OANVANDA))
