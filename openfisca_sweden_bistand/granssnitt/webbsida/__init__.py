"""The web pages of ``bistand serve``, in Swedish: the provberäkning and the legal reviewer's workbench.

- ``/``: the provberäkning (``formular.py``): a household and a month in, what ``bistand beslut`` says out
  (the amount line by line with the paragraph in force, the outcome, every reason for a caseworker, the
  missing facts at their fields, non-official figures marked, each fact's source), a renewal checked against
  each adult's SSBTEK answer (a file, or an example's own) with every check shown, the same case under a reform
  or an automation regime beside it (``jamforelse.py``, with the same answers), and the case exported as
  ``bistand beslut`` JSON or as a YAML legal test;
- ``/testfall``: the catalogue of YAML legal tests (``testfall/``), each case's sign-off status, a file's
  cases run assertion by assertion, a case opened in the form, and a reviewer's sign-off.

Server-rendered HTML (Jinja2 templates in ``mallar/``, autoescaped), one stylesheet and one small script in
``statiskt/`` shipped inside the package: no build step, no external font or script, and the page calls
only its own server (``Content-Security-Policy: default-src 'self'``). The pages work without the script.
"""

from openfisca_sweden_bistand.granssnitt.webbsida.vyer import for_stor, registrera

__all__ = ["for_stor", "registrera"]
