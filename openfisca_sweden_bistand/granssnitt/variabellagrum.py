"""``GET /variable/<id>`` with the dated Swedish citations beside the URLs.

A variable's ``references`` are bare URLs, one per provision (the OpenFisca convention, which every
stock client renders as links). The text a decision letter cites, with the dates each provision
applies ("4 kap. 1 b § socialtjänstlagen (2001:453), 2013-07-01–2025-06-30"), comes from the lagrum
map (``regelstod/lagrum.py``) and is added as the field ``lagrum``, in the same order.
"""

from __future__ import annotations

from typing import Any, cast

from flask import Flask, Response, jsonify

from openfisca_sweden_bistand.regelstod.lagrum import citat_for_variabel


def utoka_variabel(app: Flask, system: Any) -> None:
    """Wrap the stock ``get_variable`` view: its answer, and ``lagrum`` (the dated Swedish citations)."""
    ursprunglig = app.view_functions["get_variable"]

    def get_variable(id: str) -> Response:  # the stock view's parameter name
        svar = cast(Response, ursprunglig(id))
        variabel = system.variables.get(id)
        if variabel is None or svar.status_code != 200:
            return svar
        data = svar.get_json()
        data["lagrum"] = citat_for_variabel(variabel)
        return jsonify(data)

    app.view_functions["get_variable"] = get_variable
