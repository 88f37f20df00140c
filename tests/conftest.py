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
import yaml
from openfisca_core.tools.test_runner import OpenFiscaPlugin, YamlFile, YamlItem

from openfisca_sweden_bistand.system import skattesystem


class NamngivenYamlFil(YamlFile):
    """OpenFisca's YAML test file, with each case named after its ``name`` (for -k and reports)."""

    def collect(self):
        with open(self.path, encoding="utf-8") as fil:
            fall = yaml.safe_load(fil)
        for test in fall if isinstance(fall, list) else [fall]:
            yield YamlItem.from_parent(
                self,
                name=test.get("name", ""),
                baseline_tax_benefit_system=self.tax_benefit_system,
                test=test,
                options=self.options,
            )


class YamlTester(OpenFiscaPlugin):
    def pytest_collect_file(self, parent, file_path):
        if file_path.suffix in (".yaml", ".yml"):
            return NamngivenYamlFil.from_parent(
                parent, path=file_path, tax_benefit_system=self.tax_benefit_system, options=self.options
            )
        return None


def pytest_configure(config):
    # Every *.yaml under tests/ is an OpenFisca YAML test (see tests/yaml/README.md). Under `openfisca
    # test`, OpenFisca's own plugin collects them already: register ours only under plain pytest, so
    # that each case runs once either way.
    if any(isinstance(plugin, OpenFiscaPlugin) for plugin in config.pluginmanager.get_plugins()):
        return
    config.pluginmanager.register(YamlTester(skattesystem(), {}), "openfisca-yaml-tests")


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
