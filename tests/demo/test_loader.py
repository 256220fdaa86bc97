"""demo/loader.py runs the area loaders present in demo/loaders/, in the documented order."""

import types

from demo import loader


def test_listed_areas_run_in_their_order_and_unlisted_ones_after(monkeypatch):
    present = ["zebra", "english", "search", "innovations", "agencies", "site", "publications"]
    modules = [types.SimpleNamespace(name=name) for name in present]
    monkeypatch.setattr(loader.pkgutil, "iter_modules", lambda path: modules)
    monkeypatch.setattr(loader.importlib, "import_module", lambda name: name)

    assert loader.area_modules() == [
        "demo.loaders.site",
        "demo.loaders.publications",
        "demo.loaders.innovations",
        "demo.loaders.agencies",
        "demo.loaders.search",
        "demo.loaders.english",
        "demo.loaders.zebra",
    ]


def test_every_area_module_has_a_load_function():
    for module in loader.area_modules():
        assert callable(module.load), module.__name__
