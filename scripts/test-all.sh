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
# Test processes per database run (pytest-xdist): one per core. Engine tests share one index
# prefix and stay in one process.
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
    if [ "${#missing[@]}" -gt 0 ]; then
        stage "Installing Debian packages: ${missing[*]}"
        apt_install "${missing[@]}"
    fi
    ensure_pdf_libraries
}

ENGINES=(opensearch elasticsearch7)
declare -A ENGINE_KIND=([opensearch]=opensearch3 [elasticsearch7]=elasticsearch7)
declare -A ENGINE_WAS_RUNNING=()
ENGINE_LOGS=""
ENGINE_BOOT_PID=""

stop_started_engines() {
    # The engines this run started, and only those, stop when the script ends (also on failure).
    local name
    [ -z "$ENGINE_BOOT_PID" ] || wait "$ENGINE_BOOT_PID" 2>/dev/null || true
    for name in "${!ENGINE_WAS_RUNNING[@]}"; do
        [ "${ENGINE_WAS_RUNNING[$name]}" -eq 1 ] || bash search/engine/engine.sh stop "$name" || true
    done
}

boot_engines() {
    # Real engines from Maven Central (search/engine, see its pom.xml): OpenSearch 3 and
    # Elasticsearch 7.10 on loopback. They boot (and Maven fetches them on a cold machine) in
    # the background while the PostgreSQL stage runs; one after the other, so that the two
    # Maven builds never share the local repository at once. engine_tests waits for them.
    command -v mvn >/dev/null || apt_install maven
    local name
    ENGINE_LOGS="$(mktemp -d "${TMPDIR:-/tmp}/jipp-ci-engines-XXXXXX")"
    for name in "${ENGINES[@]}"; do
        ENGINE_WAS_RUNNING[$name]=0
        bash search/engine/engine.sh status "$name" && ENGINE_WAS_RUNNING[$name]=1
    done
    trap stop_started_engines EXIT
    (
        for name in "${ENGINES[@]}"; do
            bash search/engine/engine.sh start "$name" || {
                echo "the $name engine did not start" >"$ENGINE_LOGS/boot-failed"
                exit 1
            }
        done
    ) >"$ENGINE_LOGS/boot.log" 2>&1 &
    ENGINE_BOOT_PID=$!
}

engine_tests() {
    # The tests marked `engine` against each engine (on SQLite), both engines at once: each
    # run is one pytest process that mostly waits for its engine. They fail, never skip, when
    # an engine is missing. Each run's output is printed whole, one after the other.
    local name status failed=()
    declare -A pids=()
    status=0
    wait "$ENGINE_BOOT_PID" || status=$?
    ENGINE_BOOT_PID=""
    cat "$ENGINE_LOGS/boot.log"
    [ "$status" -eq 0 ] || die "$(cat "$ENGINE_LOGS/boot-failed" 2>/dev/null || echo "an engine did not start")"
    for name in "${ENGINES[@]}"; do
        (
            unset DATABASE_URL
            SEARCH_URL="$(bash search/engine/engine.sh url "$name")" \
                SEARCH_ENGINE="${ENGINE_KIND[$name]}" SEARCH_INDEX_PREFIX="ci$$_" \
                run_pytest -m engine tests/search ${PYTEST_ARGS:-}
        ) >"$ENGINE_LOGS/$name.log" 2>&1 &
        pids[$name]=$!
    done
    for name in "${ENGINES[@]}"; do
        status=0
        wait "${pids[$name]}" || status=$?
        printf -- '--- %s (%s) ---\n' "$name" "${ENGINE_KIND[$name]}"
        cat "$ENGINE_LOGS/$name.log"
        [ "$status" -eq 0 ] || failed+=("$name (${ENGINE_KIND[$name]})")
    done
    [ "${#failed[@]}" -eq 0 ] || die "search engine tests failed on ${failed[*]}"
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
boot_engines
# A database name of our own per run, so parallel runs on one server do not collide.
DATABASE_URL="postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/${PG_DATABASE}_$$" \
    REQUIRE_POSTGRES=1 run_pytest -n "$WORKERS" -m 'not engine' ${PYTEST_ARGS:-}

stage "Search engine tests"
engine_tests

stage "All checks and tests passed in $((SECONDS - started)) s"
