#!/usr/bin/env bash
# `make test`: set up a fresh machine of this kind (Debian 12, root) and run every check
# and every test: lint, Django checks, migrations, then the whole pytest suite on SQLite
# and again on PostgreSQL 15. Any failure stops the run with a non-zero exit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PROJECT_DIR"

export DJANGO_SETTINGS_MODULE=config.settings.test
PG_ROLE="${PG_ROLE:-jipp}"
PG_PASSWORD="${PG_PASSWORD:-jipp}"
PG_DATABASE="${PG_DATABASE:-jipp}"
# Test processes per run (pytest-xdist): one per core. Engine tests too: each worker keeps its
# own test indices (tests/search/test_engine.py puts the worker id in the index prefix).
WORKERS="${PYTEST_WORKERS:-$(nproc)}"
started=$SECONDS

run_pytest() {
    # pytest exits 5 when it collected nothing: for us that is a broken test command.
    local status=0
    "$PY" -m pytest "$@" || status=$?
    if [ "$status" -eq 5 ]; then
        die "pytest collected no test for: $*"
    fi
    return "$status"
}

ensure_system_packages() {
    local missing=()
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
    command -v pg_ctlcluster >/dev/null || missing+=(postgresql-common)
    # The operations tests run a real nginx in front of two replicas and a real Redis.
    [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
    command -v redis-server >/dev/null || missing+=(redis-server)
    if [ "${#missing[@]}" -gt 0 ]; then
        stage "Installing Debian packages: ${missing[*]}"
        apt_install "${missing[@]}"
    fi
    ensure_pdf_libraries
}

engine_tests() {
    # Real engines from Maven Central (search/engine, see its pom.xml): OpenSearch 3 and
    # Elasticsearch 7.10, one after the other on loopback, and the tests marked `engine`
    # against each (on SQLite). They fail, never skip, when an engine is missing.
    command -v mvn >/dev/null || apt_install maven
    local pair name kind url was_running status
    for pair in "opensearch opensearch3" "elasticsearch7 elasticsearch7"; do
        read -r name kind <<<"$pair"
        was_running=0
        bash search/engine/engine.sh status "$name" && was_running=1
        bash search/engine/engine.sh start "$name" || die "the $name engine did not start"
        url="$(bash search/engine/engine.sh url "$name")"
        status=0
        (
            unset DATABASE_URL
            SEARCH_URL="$url" SEARCH_ENGINE="$kind" SEARCH_INDEX_PREFIX="ci$$_" \
                run_pytest -n "$WORKERS" -m engine tests/search ${PYTEST_ARGS:-}
        ) || status=$?
        [ "$was_running" -eq 1 ] || bash search/engine/engine.sh stop "$name"
        [ "$status" -eq 0 ] || die "search engine tests failed on $name ($kind)"
    done
}

stage "Python environment"
ensure_venv
ensure_node_modules
ensure_system_packages

stage "PostgreSQL"
start_postgres

stage "Lint: ruff check, ruff format --check and the import contracts (.importlinter)"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/lint-imports"

stage "Django system checks and migrations"
"$PY" manage.py check --fail-level WARNING
"$PY" manage.py makemigrations --check --dry-run

# Browser tests fail instead of skipping when Chromium is missing.
export REQUIRE_BROWSER=1

stage "Tests on SQLite (all but those marked postgres or engine)"
(
    unset DATABASE_URL
    run_pytest -n "$WORKERS" -m 'not postgres and not engine' ${PYTEST_ARGS:-}
)

stage "Tests on PostgreSQL (all but those marked engine; postgres-marked tests must pass)"
# A database name of our own per run, so parallel runs on one server do not collide.
DATABASE_URL="postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/${PG_DATABASE}_$$" \
    REQUIRE_POSTGRES=1 run_pytest -n "$WORKERS" -m 'not engine' ${PYTEST_ARGS:-}

stage "Search engine tests"
engine_tests

stage "All checks and tests passed in $((SECONDS - started)) s"
