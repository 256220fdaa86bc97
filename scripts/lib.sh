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
    # Debian starts a package's service when it installs it (nginx on port 80 of every
    # interface, redis-server on 6379): the tests start their own, on loopback ports of their
    # choosing, so the install starts none (policy-rc.d's 101: "action forbidden").
    local guard=/usr/sbin/policy-rc.d added=0 status=0
    if [ ! -e "$guard" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$guard"
        chmod +x "$guard"
        added=1
    fi
    apt-get install -y -q --no-install-recommends "$@" || status=$?
    [ "$added" -eq 0 ] || rm -f "$guard"
    return "$status"
}

ensure_pdf_libraries() {
    # WeasyPrint (the yearly report's PDF, monitoring/) loads Pango through ffi, and needs
    # a font; pip cannot install either.
    local missing=()
    ldconfig -p | grep -q 'libpango-1.0.so.0' || missing+=(libpango-1.0-0)
    ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpangoft2-1.0-0)
    [ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
    if [ "${#missing[@]}" -gt 0 ]; then
        stage "Installing Debian packages for PDF: ${missing[*]}"
        apt_install "${missing[@]}"
    fi
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

start_postgres() {
    # Needs PG_ROLE, PG_PASSWORD and PG_DATABASE; sets PG_PORT.
    # Debian's cluster, listening on the loopback address only, with a role that may
    # create the test databases.
    local version cluster=main
    version="$(basename "$(ls -d /usr/lib/postgresql/*/ | sort -V | tail -1)")"
    if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c' | grep -q .; then
        pg_createcluster "$version" "$cluster"
    fi
    local conf_dir="/etc/postgresql/$version/$cluster/conf.d"
    if [ ! -f "$conf_dir/jipp-loopback.conf" ]; then
        printf "listen_addresses = '127.0.0.1'\n" >"$conf_dir/jipp-loopback.conf"
    fi
    if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $4}' | grep -q online; then
        pg_ctlcluster "$version" "$cluster" start
    fi
    PG_PORT="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $3}')"
    # A cluster that was not shut down cleanly (or started by someone else at the same
    # moment) answers "the database system is starting up" for a while: wait for it.
    local tries=0
    until runuser -u postgres -- pg_isready --quiet --port "$PG_PORT"; do
        tries=$((tries + 1))
        if [ "$tries" -ge 120 ]; then
            echo "PostgreSQL did not accept connections within 60 s" >&2
            return 1
        fi
        sleep 0.5
    done
    local psql=(runuser -u postgres -- psql --port "$PG_PORT" -v ON_ERROR_STOP=1 -qtA)
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" != 1 ]; then
        "${psql[@]}" -c "CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
    fi
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" != 1 ]; then
        "${psql[@]}" -c "CREATE DATABASE $PG_DATABASE OWNER $PG_ROLE"
    fi
    echo "PostgreSQL $version on 127.0.0.1:$PG_PORT, role $PG_ROLE, database $PG_DATABASE"
}
