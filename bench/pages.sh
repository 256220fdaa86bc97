#!/usr/bin/env bash
# Issue 20's table, before and after, in one command: the public pages under wrk (c8, 20 s)
# beside the bare view, on PostgreSQL with OpenSearch and Redis, for the code of
# $BENCH_BEFORE (a commit, exported with git archive) and for this work tree.
#
#   bash bench/pages.sh
#   BENCH_BEFORE=3d4d731 BENCH_SECONDS=10 BENCH_CONNECTIONS=4,8 bash bench/pages.sh
#   BENCH_RUNS=after BENCH_MODES=cached BENCH_ONLY=home,search bash bench/pages.sh
#
# Needs a prepared database (bench/run.sh, or migrate + load_demo + generate_bench_data) in
# $BENCH_DATABASE_URL. Starts a private Redis ($BENCH_REDIS_PORT) and, unless $SEARCH_URL is
# given, OpenSearch on $BENCH_ENGINE_PORT (search/engine/engine.sh) and indexes it once (a
# stamp in $BENCH_DIR); an engine given in $SEARCH_URL (with $SEARCH_INDEX_PREFIX) must hold
# this database's index already and is never written to. Then writes
# bench/results/pages-{before,after}.{md,json}.
set -euo pipefail
cd "$(dirname "$0")/.."

BEFORE="${BENCH_BEFORE:-3d4d731}"
DATABASE_URL="${BENCH_DATABASE_URL:-postgres://jipp:jipp@127.0.0.1:5432/jipp_perf}"
BENCH_DIR="${BENCH_DIR:-/tmp/jipp-bench-pages}"
REDIS_PORT="${BENCH_REDIS_PORT:-6391}"
ENGINE_PORT="${BENCH_ENGINE_PORT:-9231}"
SECONDS_PER_URL="${BENCH_SECONDS:-20}"
CONNECTIONS="${BENCH_CONNECTIONS:-8}"
RUNS="${BENCH_RUNS:-before after}"
MODES="${BENCH_MODES:-cached,uncached}"
ONLY="${BENCH_ONLY:-}"
PY=.venv/bin/python
mkdir -p "$BENCH_DIR"

if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
        --daemonize yes --pidfile "$BENCH_DIR/redis.pid" --logfile "$BENCH_DIR/redis.log"
fi
REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"

INDEX_PREFIX="${SEARCH_INDEX_PREFIX:-}"
if [ -z "${SEARCH_URL:-}" ]; then
    ENGINE_PORT="$ENGINE_PORT" ENGINE_RUN_DIR="$BENCH_DIR/engine" \
        bash search/engine/engine.sh start opensearch
    SEARCH_URL="http://127.0.0.1:$ENGINE_PORT"
    if [ ! -f "$BENCH_DIR/engine.indexed" ]; then
        # The engine's index only: the database backend keeps its own (bench/README.md).
        DJANGO_SETTINGS_MODULE=config.settings.bench DATABASE_URL="$DATABASE_URL" \
            SEARCH_URL="$SEARCH_URL" SEARCH_ENGINE=opensearch3 \
            "$PY" manage.py update_index --backend default
        touch "$BENCH_DIR/engine.indexed"
    fi
fi

before_dir="$BENCH_DIR/before-$BEFORE"
if [ ! -d "$before_dir" ]; then
    mkdir -p "$before_dir"
    git archive "$BEFORE" | tar -x -C "$before_dir"
    ln -s "$PWD/.venv" "$before_dir/.venv"
fi

for run in $RUNS; do
    project="$PWD"
    [ "$run" = before ] && project="$before_dir"
    redis-cli -p "$REDIS_PORT" flushall >/dev/null
    "$PY" -m bench.pages --database-url "$DATABASE_URL" --project-dir "$project" \
        --search-url "$SEARCH_URL" --index-prefix "$INDEX_PREFIX" --redis-url "$REDIS_URL" \
        --label "$run" \
        --seconds "$SECONDS_PER_URL" --connections "$CONNECTIONS" --modes "$MODES" --only "$ONLY"
done
