"""The WSGI module gunicorn loads leaves what it loaded (modules, models, URL patterns) out
of the garbage collector's passes, so that a full collection on a busy worker does not walk
the whole project again (config/wsgi.py; without it every sixth uncached search at 10,000
innovations took 150 ms longer)."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
PROBE = """
import gc
import config.wsgi
import sys
# The URL patterns are loaded before the first request; the frozen objects include them.
print(gc.get_freeze_count(), "innovations.views" in sys.modules, "api.endpoints" in sys.modules)
"""


def test_the_wsgi_application_freezes_what_it_loaded(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(  # noqa: S603 (this interpreter, our own probe)
        [sys.executable, "-c", PROBE],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    frozen, views_loaded, api_loaded = done.stdout.split()

    assert int(frozen) > 50_000
    assert views_loaded == api_loaded == "True"
