#!/usr/bin/env bash
# `make run`: set up everything a fresh machine needs and serve the portal with demo
# content on http://127.0.0.1:8000. Safe to run again: nothing is duplicated.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PROJECT_DIR"

export DJANGO_SETTINGS_MODULE=config.settings.dev

ensure_venv
ensure_node_modules
ensure_pdf_libraries

stage "Applying database migrations"
"$PY" manage.py migrate --no-input

stage "Loading the demo content"
"$PY" manage.py load_demo

stage "Development administrator"
"$PY" manage.py ensure_dev_admin

# The printed URLs follow RUN_ADDRESS (config.settings.base.development_base_url).
base_url=$("$PY" -c 'import os, sys; sys.path.insert(0, ".")
from config.settings.base import development_base_url
print(development_base_url(os.environ.get("RUN_ADDRESS", "127.0.0.1:8000")))')
stage "Serving on $base_url/ (admin: $base_url/admin/; Ctrl+C stops it)"
exec "$PY" manage.py runserver "${RUN_ADDRESS:-127.0.0.1:8000}"
