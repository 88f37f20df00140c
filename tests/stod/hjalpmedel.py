"""Small helpers shared by the tests."""

import copy


def andrad(grund: dict, **andringar):
    """A copy of ``grund`` with changes given as paths joined by ``__`` (a value of None deletes the key)."""
    data = copy.deepcopy(grund)
    for stig, varde in andringar.items():
        *vag, sista = stig.split("__")
        nod = data
        for nyckel in vag:
            nod = nod[nyckel]
        if varde is None:
            del nod[sista]
        else:
            nod[sista] = varde
    return data


def bekraftad(arende: dict, av: str = "Handläggare 4711", datum: str | None = None, utom: tuple = ()) -> dict:
    """A copy of the case JSON with every fact given for its month as confirmed by a caseworker (``kallor``) on
    ``datum`` (by default the decision day, else the first of the month), except the fields ``utom``: the case of
    a decision that may be automated without a register check (``bistand beslut``)."""
    data = copy.deepcopy(arende)
    datum = datum or data.get("beslutsdatum") or f"{data['period']}-01"
    kallor = {}
    for grupp in ("personer", "hushallen"):
        for entitet, varden in data[grupp].items():
            for namn, varde in varden.items():
                falt = f"{grupp}.{entitet}.{namn}"
                if namn not in ("vuxna", "barnen") and not isinstance(varde, dict) and falt not in utom:
                    kallor[falt] = {"typ": "handlaggare", "av": av, "datum": datum}
    data["kallor"] = kallor
    return data
