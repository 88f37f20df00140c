"""Shared fixtures, and collection of the YAML legal tests in tests/yaml/ by OpenFisca's runner.

The tests mirror the rules and the package: yaml/ (the legal cases, by provision), regler/ (properties
of the rules and the tables), arende/, forklaring/, register/, analys/, granssnitt/ (one folder per
layer of the package), kvalitet/ (citations, layers, docs, README, packaging); stod/ holds the helpers
they share (a live server, databases, altered cases), importable by name from every folder.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "stod"))

import pytest
from openfisca_core.tools.test_runner import OpenFiscaPlugin

from openfisca_sweden_bistand.system import skattesystem
from openfisca_sweden_bistand.testfall.saker import SakerYamlPlugin


def pytest_configure(config):
    # Every *.yaml under tests/ is an OpenFisca YAML test (see tests/yaml/README.md), collected by the package's
    # safe collector (testfall/saker.py: a safe loader, every file checked, a failing one a collection error
    # naming it, and then no test runs), each case named after its ``name`` (for -k and reports).
    config.pluginmanager.register(SakerYamlPlugin(skattesystem(), {}), "openfisca-yaml-tests")


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session):
    # Under `openfisca test` (and its parallel workers), OpenFisca's own plugin would collect the same files with
    # its unsafe loader (yaml.CLoader: a Python tag runs code): it is taken out, and ours runs with its system and
    # options (its name filter), so that each case runs once either way.
    manager = session.config.pluginmanager
    egen = manager.get_plugin("openfisca-yaml-tests")
    for plugin in manager.get_plugins():
        if type(plugin) is OpenFiscaPlugin:
            egen.tax_benefit_system, egen.options = plugin.tax_benefit_system, plugin.options
            manager.unregister(plugin)


@pytest.fixture(scope="session")
def system():
    return skattesystem()


def pytest_terminal_summary(terminalreporter):
    """Report the API fuzzing: requests tried and 5xx answers seen (must be 0)."""
    try:
        from test_api_fuzz import RAPPORT
    except ImportError:
        return
    if RAPPORT["forfragningar"]:
        terminalreporter.write_line(
            f"API-fuzz: {RAPPORT['forfragningar']} förfrågningar: {RAPPORT['2xx']} svar 2xx, "
            f"{RAPPORT['4xx']} svar 4xx, {RAPPORT['5xx']} svar 5xx"
        )


@pytest.fixture(scope="session")
def app_klient(system):
    """The web app in-process (Flask's test client), for properties that need many requests."""
    from openfisca_sweden_bistand.granssnitt.webb import skapa_app

    return skapa_app(system).test_client()
