"""Reading the demo's data files: demo/data/<name>.yaml."""

from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def read(name):
    """The parsed content of demo/data/<name>.yaml (safe YAML: plain data, no tags)."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as file:
        return yaml.safe_load(file)
