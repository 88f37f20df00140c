"""The YAML legal test cases as a reviewer works with them (*testfall*).

- ``katalog.py``: the catalogue of YAML test files under a directory (``tests/yaml`` in the repository),
  read by name from that list only, never from a path a caller gives;
- ``granskning.py``: a legal reviewer's sign-off, stored in the case itself: a checksum of the case's
  name, description, inputs and expectations, the rule version it was reviewed under, and the reviewer's
  Ed25519 signature; the status of each case (reviewed, not reviewed, changed since review, invalid sign-off);
- ``granskare.py`` and ``granskare.yaml``: the reviewers and their public keys, which a signature must verify
  under; ``signering.py``: writing a signed sign-off into one case of one file;
- ``kor.py``: running one case and reporting each assertion with its computed value;
- ``export.py`` and ``fran_test.py``: a case (``bistand beslut`` JSON) as a YAML test, and back.

Used by ``bistand granskning``, the reviewer's pages of ``bistand serve`` and the Sphinx test catalogue.
"""
