#!/usr/bin/env bash
# Benchmarks at scale: prepares a SQLite and a PostgreSQL database with the demo content and
# `generate_bench_data --innovations $BENCH_INNOVATIONS` (once; reused while the count is the
# same), then runs every bench/<area>.py that has a main() against each database.
#
#   bash bench/run.sh                 # both databases, 10,000 innovations
#   BENCH_DATABASES=sqlite bash bench/run.sh
#   BENCH_INNOVATIONS=2000 BENCH_REQUESTS=30 bash bench/run.sh
#
# Results: stdout and bench/results/<area>-<database>.{md,json}.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/lib.sh
source scripts/lib.sh

INNOVATIONS="${BENCH_INNOVATIONS:-10000}"
REQUESTS="${BENCH_REQUESTS:-60}"
DATABASES="${BENCH_DATABASES:-sqlite postgres}"
BENCH_DIR="${BENCH_DIR:-/tmp/jipp-bench}"
AREAS="${BENCH_AREAS:-catalogue}"
PG_ROLE="${PG_ROLE:-jipp}"
PG_PASSWORD="${PG_PASSWORD:-jipp}"
PG_BENCH_DATABASE="${PG_BENCH_DATABASE:-jipp_bench}"
mkdir -p "$BENCH_DIR" bench/results

ensure_venv
ensure_node_modules

postgres_url() {
    # Debian's cluster on loopback (scripts/test-all.sh starts and configures it the same way).
    local version port
    version="$(basename "$(ls -d /usr/lib/postgresql/*/ | sort -V | tail -1)")"
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
        pg_ctlcluster "$version" main start
    fi
    port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"
    local psql=(runuser -u postgres -- psql --port "$port" -v ON_ERROR_STOP=1 -qtA)
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" != 1 ]; then
        "${psql[@]}" -c "CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" >&2
    fi
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$PG_BENCH_DATABASE'")" != 1 ]; then
        "${psql[@]}" -c "CREATE DATABASE $PG_BENCH_DATABASE OWNER $PG_ROLE" >&2
    fi
    echo "postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$port/$PG_BENCH_DATABASE"
}

prepare() {
    # Migrate, load the demo and generate the bench data unless this database already has them.
    local label="$1" url="$2" stamp="$BENCH_DIR/$1.ready"
    if [ "$(cat "$stamp" 2>/dev/null)" = "$INNOVATIONS" ]; then
        return
    fi
    stage "Preparing $label with $INNOVATIONS generated innovations (once)"
    export DATABASE_URL="$url" DJANGO_SETTINGS_MODULE=config.settings.bench
    "$PY" manage.py migrate --noinput -v0
    "$PY" manage.py load_demo
    "$PY" manage.py generate_bench_data --clear --innovations "$INNOVATIONS"
    echo "$INNOVATIONS" >"$stamp"
}

for database in $DATABASES; do
    case "$database" in
        sqlite) url="sqlite:///$BENCH_DIR/bench.sqlite3" ;;
        postgres) url="$(postgres_url)" ;;
        *) die "unknown database $database (sqlite or postgres)" ;;
    esac
    prepare "$database" "$url"
    for area in $AREAS; do
        stage "bench/$area.py on $database"
        DATABASE_URL="$url" "$PY" -m "bench.$area" --label "$database" --requests "$REQUESTS"
        if [ "$area" = catalogue ]; then
            stage "bench/catalogue.py on $database with the catalogue's caches off"
            DATABASE_URL="$url" "$PY" -m bench.catalogue --label "$database" --no-cache \
                --requests "${BENCH_NOCACHE_REQUESTS:-15}" --warmup 2
        fi
    done
done
