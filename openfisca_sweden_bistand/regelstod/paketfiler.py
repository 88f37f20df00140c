"""The package's own YAML files (income lists, the benefit codes, the municipalities' guidelines), read with libyaml's
safe loader when PyYAML was built with it: the same safe constructors as ``yaml.safe_load`` (plain YAML only, no
Python tags), some ten times faster, and these files are read at every start of a command. A file from outside the
package (a test catalogue, a delegation) is hostile and read under bounds instead (``testfall/yamlgranser.py``)."""

from __future__ import annotations

from typing import IO, Any

import yaml

LADDARE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def las_paketfil(kalla: str | bytes | IO[str]) -> Any:
    """One of the package's own YAML files (its text or an open file), as ``yaml.safe_load`` would read it."""
    return yaml.load(kalla, Loader=LADDARE)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)
