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
