"""The catalogue's pages are read and rendered once while the catalogue stays the same (vyer.Sidor.cachad)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from openfisca_sweden_bistand.granssnitt import webb

ROT = Path(__file__).resolve().parents[1] / "yaml"


def test_sidorna_sparas_tills_katalogen_andras(tmp_path, monkeypatch):
    katalog = tmp_path / "yaml"
    shutil.copytree(ROT / "riksnorm", katalog / "riksnorm")
    klient = webb.skapa_app(testkatalog=katalog).test_client()
    (fil,) = [f for f in sorted((katalog / "riksnorm").glob("*.yaml"))][:1]
    relativ = fil.relative_to(katalog).as_posix()
    forsta = klient.get("/testfall").data
    sida = klient.get(f"/testfall/{relativ}").data

    from openfisca_sweden_bistand.testfall import katalog as katalogmodul

    lasta: list[str] = []
    tolka = katalogmodul.tolka
    monkeypatch.setattr(katalogmodul, "tolka", lambda relativ, text, *a, **k: (lasta.append(relativ),
                                                                               tolka(relativ, text, *a, **k))[1])
    assert klient.get("/testfall").data == forsta and klient.get(f"/testfall/{relativ}").data == sida
    assert lasta == []  # kept: nothing read again

    text = fil.read_text(encoding="utf-8")
    fil.write_text(text.replace("- name: ", "- name: Ändrat namn ", 1), encoding="utf-8")
    os.utime(fil, ns=(fil.stat().st_atime_ns, fil.stat().st_mtime_ns + 1_000_000))
    andrad = klient.get(f"/testfall/{relativ}")
    assert andrad.status_code == 200 and "Ändrat namn".encode() in andrad.data and lasta
    assert "Ändrat namn".encode() in klient.get("/testfall").data


def test_okanda_namn_sparas_inte(tmp_path):
    klient = webb.skapa_app(testkatalog=tmp_path).test_client()
    from openfisca_sweden_bistand.granssnitt.webbsida.vyer import Sidor

    vy = klient.application.view_functions["testfall_fil"]
    (sidor,) = [c.cell_contents for c in vy.__closure__ if isinstance(c.cell_contents, Sidor)]
    for i in range(20):
        assert klient.get(f"/testfall/finns-inte-{i}.yaml").status_code == 404
    assert sidor._sidor == {}
