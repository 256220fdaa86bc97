# Shared helpers for scripts/run.sh and scripts/test-all.sh. Source it; do not run it.
#
# Everything here is idempotent: a second call with nothing changed does nothing but check.

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$PROJECT_DIR/.venv"
PY="$VENV/bin/python"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export DEBIAN_FRONTEND=noninteractive

stage() {
    printf '\n==> %s\n' "$*"
}

die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

_apt_updated=0
apt_install() {
    # Installs Debian packages; apt-get update runs once per script, only when needed.
    [ "$(id -u)" -eq 0 ] || die "installing $* needs root (apt-get install -y $*)"
    if [ "$_apt_updated" -eq 0 ]; then
        apt-get update -q
        _apt_updated=1
    fi
    apt-get install -y -q --no-install-recommends "$@"
}

ensure_venv() {
    # One virtual environment for serving and testing; reinstalled only when a
    # requirements file changes (its hash is kept in .venv/.requirements.sha256).
    local python="${PYTHON:-python3}"
    command -v "$python" >/dev/null || apt_install python3 python3-venv
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
        die "Python 3.11 or newer is needed ($python is $("$python" --version 2>&1))"
    if [ ! -x "$PY" ]; then
        stage "Creating the virtual environment in .venv"
        "$python" -m venv "$VENV" 2>/dev/null || {
            rm -rf "$VENV"
            apt_install python3-venv
            "$python" -m venv "$VENV"
        }
    fi
    local wanted stamp="$VENV/.requirements.sha256"
    wanted="$(cat "$PROJECT_DIR/requirements.txt" "$PROJECT_DIR/requirements-dev.txt" | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        stage "Installing the pinned requirements (requirements-dev.txt)"
        "$PY" -m pip install -q --upgrade pip
        "$PY" -m pip install -q -r "$PROJECT_DIR/requirements-dev.txt"
        echo "$wanted" >"$stamp"
    fi
}

ensure_node_modules() {
    # Front-end packages (e.g. Leaflet) come from package-lock.json when the project has one.
    [ -f "$PROJECT_DIR/package.json" ] || return 0
    command -v npm >/dev/null || apt_install nodejs npm
    local lock="$PROJECT_DIR/package-lock.json" stamp="$PROJECT_DIR/node_modules/.jipp-lock.sha256"
    local wanted
    wanted="$(cat "$PROJECT_DIR/package.json" "$lock" 2>/dev/null | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        stage "Installing front-end packages (npm ci)"
        if [ -f "$lock" ]; then
            (cd "$PROJECT_DIR" && npm ci --no-audit --no-fund)
        else
            (cd "$PROJECT_DIR" && npm install --no-audit --no-fund)
        fi
        echo "$wanted" >"$stamp"
    fi
}
