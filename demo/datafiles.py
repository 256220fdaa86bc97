"""Reading the demo's data files: demo/data/<name>.yaml."""

from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
# libyaml's parser when PyYAML was built with it: innovations.yaml takes 0.6 s instead of
# 4.4 s with the pure-Python one (measured here). Both are the safe loader: plain data only.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def read(name):
    """The parsed content of demo/data/<name>.yaml."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as file:
        return yaml.load(file, Loader=LOADER)  # noqa: S506 (a safe loader)
