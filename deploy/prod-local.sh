#!/usr/bin/env bash
# The production topology on this machine, on loopback, with the production settings:
#
#   nginx 127.0.0.1:8080  ->  gunicorn replicas 127.0.0.1:8101, 127.0.0.1:8102 (2 workers each)
#   Redis 127.0.0.1:6390 (shared cache)   PostgreSQL (database jipp_prod)
#   OpenSearch 3 cluster: 3 nodes in 3 JVMs, HTTP 9231-9233 (indexes with one replica)
#   media in $PROD_RUN_DIR/media, served by nginx (documents only through Django's view)
#   a task worker (manage.py db_worker): search-index updates and the monitoring index
#   recompute, queued in the database by the replicas (TASKS_BACKEND=database)
#
#   deploy/prod-local.sh start            set up what is missing and start everything
#   deploy/prod-local.sh stop             stop everything it started
#   deploy/prod-local.sh status           what runs
#   deploy/prod-local.sh env              print the environment the replicas run with
#   deploy/prod-local.sh nginx-conf       print the nginx configuration (PROD_REPLICA_PORTS, PROD_PORT)
#   deploy/prod-local.sh restart-replica N   graceful restart of replica N (1 or 2)
#   deploy/prod-local.sh stop-replica N | start-replica N
#   deploy/prod-local.sh stop-node N | start-node N   one OpenSearch node (1-3)
#   deploy/prod-local.sh stop-redis | start-redis
#   deploy/prod-local.sh stop-worker | start-worker
#
# Content: the demo (load_demo) on first start; PROD_INNOVATIONS=10000 adds generated
# innovations for load tests. State lives in PROD_RUN_DIR (default /tmp/jipp-prod).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$PROJECT_DIR"

RUN="${PROD_RUN_DIR:-/tmp/jipp-prod}"
PORT="${PROD_PORT:-8080}"
read -r -a REPLICA_PORTS <<<"${PROD_REPLICA_PORTS:-8101 8102}"
REDIS_PORT="${PROD_REDIS_PORT:-6390}"
NODE_HTTP=(9231 9232 9233)
NODE_TRANSPORT=(9331 9332 9333)
NODE_HEAP="${PROD_NODE_HEAP:-384m}"
OPENSEARCH_JAVA_HOME="${OPENSEARCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PG_ROLE="${PG_ROLE:-jipp}"
PG_PASSWORD="${PG_PASSWORD:-jipp}"
PG_DATABASE="${PROD_DATABASE:-jipp_prod}"
ENGINE_DIR="$PROJECT_DIR/search/engine"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() {
    # wait_for SECONDS DESCRIPTION COMMAND...: poll until the command succeeds.
    local limit=$1 what=$2
    shift 2
    for _ in $(seq 1 "$((limit * 4))"); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.25
    done
    die "$what did not come up within $limit s"
}

write_env() {
    mkdir -p "$RUN"
    [ -s "$RUN/secret_key" ] || "$PY" -c 'import secrets; print(secrets.token_urlsafe(60))' >"$RUN/secret_key"
    chmod 600 "$RUN/secret_key"
    local urls=() n
    for n in 0 1 2; do urls+=("http://127.0.0.1:${NODE_HTTP[$n]}"); done
    cat >"$RUN/env" <<ENV
DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY=$(cat "$RUN/secret_key")
ALLOWED_HOSTS=127.0.0.1,localhost
DATABASE_URL=postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:${PG_PORT:-5432}/$PG_DATABASE
DATABASE_CONN_MAX_AGE=60
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
SEARCH_URL=$(IFS=,; echo "${urls[*]}")
SEARCH_ENGINE=opensearch3
SEARCH_INDEX_PREFIX=prod_
SEARCH_INDEX_REPLICAS=1
STATIC_ROOT=$RUN/static
MEDIA_ROOT=$RUN/media
PUBLIC_BASE_URL=http://127.0.0.1:$PORT
WAGTAILADMIN_BASE_URL=http://127.0.0.1:$PORT
SECURE_SSL_REDIRECT=0
SECURE_HSTS_SECONDS=0
TRUSTED_PROXY_COUNT=1
LOG_LEVEL=INFO
# Every local client comes from 127.0.0.1: the load tests would meet the API's per-client
# limit (300 a minute) at once. Production keeps the default.
API_RATE_LIMIT=${PROD_API_RATE_LIMIT:-1000000}
ENV
}

load_env() {
    set -a
    # shellcheck disable=SC1091
    source "$RUN/env"
    set +a
}

ensure_packages() {
    local missing=()
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v redis-server >/dev/null || missing+=(redis-server)
    compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
    command -v pg_ctlcluster >/dev/null || missing+=(postgresql-common)
    command -v mvn >/dev/null || missing+=(maven)
    if [ "${#missing[@]}" -gt 0 ]; then
        stage "Installing Debian packages: ${missing[*]}"
        apt_install "${missing[@]}"
    fi
    # Debian starts its own nginx and Redis on install; this topology runs its own instances.
    for service in nginx redis-server; do
        service "$service" stop >/dev/null 2>&1 || true
    done
}

start_redis() {
    alive "$RUN/redis.pid" && return 0
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
        --pidfile "$RUN/redis.pid" --logfile "$RUN/redis.log" --dir "$RUN" \
        --save "" --appendonly no --maxmemory 256mb --maxmemory-policy allkeys-lru
    wait_for 10 "Redis" redis-cli -p "$REDIS_PORT" ping
}

stop_redis() {
    alive "$RUN/redis.pid" || return 0
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$RUN/redis.pid")"
    rm -f "$RUN/redis.pid"
}

build_engine() {
    local target="$ENGINE_DIR/target/opensearch"
    if [ ! -f "$target/classpath.txt" ] || [ ! -f "$target/classes/jipp/engine/ClusterNodeMain.class" ] ||
        [ "$ENGINE_DIR/src/opensearch/java/jipp/engine/ClusterNodeMain.java" -nt "$target/classes/jipp/engine/ClusterNodeMain.class" ]; then
        stage "Building the OpenSearch launcher with Maven"
        (cd "$ENGINE_DIR" && JAVA_HOME=$OPENSEARCH_JAVA_HOME mvn -q -B -Popensearch compile \
            dependency:build-classpath -Dmdep.outputFile=target/opensearch/classpath.txt)
    fi
}

start_node() {
    local n=$1 i=$(($1 - 1)) seeds=() managers=()
    alive "$RUN/os-$n.pid" && return 0
    local k
    for k in 0 1 2; do
        seeds+=("127.0.0.1:${NODE_TRANSPORT[$k]}")
        managers+=("os-$((k + 1))")
    done
    local target="$ENGINE_DIR/target/opensearch" data
    data=$(mktemp -d "$RUN/os-$n-data-XXXXXX")
    nohup "$OPENSEARCH_JAVA_HOME/bin/java" "-Xms$NODE_HEAP" "-Xmx$NODE_HEAP" -XX:+UseSerialGC \
        -Dlog4j2.disable.jmx=true -Djava.awt.headless=true \
        -cp "$target/classes:$(cat "$target/classpath.txt")" jipp.engine.ClusterNodeMain \
        "os-$n" "${NODE_HTTP[$i]}" "${NODE_TRANSPORT[$i]}" "$data" \
        "$(IFS=,; echo "${seeds[*]}")" "$(IFS=,; echo "${managers[*]}")" \
        >"$RUN/os-$n.log" 2>&1 &
    echo $! >"$RUN/os-$n.pid"
}

stop_node() {
    local n=$1
    alive "$RUN/os-$n.pid" || return 0
    local pid
    pid=$(cat "$RUN/os-$n.pid")
    kill -TERM "$pid"
    for _ in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$RUN/os-$n.pid"
}

cluster_health() {
    curl -fsS --max-time 2 "http://127.0.0.1:${NODE_HTTP[0]}/_cluster/health?wait_for_nodes=3&wait_for_status=yellow&timeout=1s" ||
        curl -fsS --max-time 2 "http://127.0.0.1:${NODE_HTTP[1]}/_cluster/health?wait_for_nodes=3&wait_for_status=yellow&timeout=1s"
}

start_replica() {
    local n=$1 port=${REPLICA_PORTS[$(($1 - 1))]}
    alive "$RUN/gunicorn-$n.pid" && return 0
    load_env
    "$VENV/bin/gunicorn" config.wsgi --bind "127.0.0.1:$port" --workers 2 --daemon \
        --pid "$RUN/gunicorn-$n.pid" --capture-output --error-logfile "$RUN/gunicorn-$n.log" \
        --timeout 60 --graceful-timeout 30 --max-requests 5000 --max-requests-jitter 500
    wait_for 60 "replica $n" curl -fsS --max-time 2 "http://127.0.0.1:$port/healthz"
}

terminate() {
    # terminate PIDFILE SECONDS: SIGTERM, then wait up to SECONDS for the process to exit.
    local pidfile=$1 seconds=$2 pid
    alive "$pidfile" || return 0
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    for _ in $(seq 1 "$((seconds * 4))"); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    rm -f "$pidfile"
}

stop_replica() {
    # SIGTERM: gunicorn stops accepting, finishes the requests in flight, then exits.
    terminate "$RUN/gunicorn-$1.pid" 40
}

start_worker() {
    alive "$RUN/worker.pid" && return 0
    load_env
    # One worker process; --interval 1: a queued task starts within a second. A second host
    # adds a worker with its own --worker-id (the queue hands each task to one worker).
    nohup "$PY" manage.py db_worker --interval 1 --worker-id "prod-local-$(hostname)-1" \
        >>"$RUN/worker.log" 2>&1 </dev/null &
    echo $! >"$RUN/worker.pid"
}

stop_worker() {
    # SIGTERM: the worker finishes the task it is running, then exits.
    terminate "$RUN/worker.pid" 60
}

nginx_conf() {
    # The nginx configuration of this topology (also used by tests/operations/test_restart.py).
    # max_fails=0: nginx never marks a replica down. With marking, a replica restarted less
    # than fail_timeout after the other (a rolling restart) left both marked, and nginx
    # answered 502 "no live upstreams" while both were up (tests/operations/test_restart.py).
    # A stopped replica costs a refused connection on loopback and one retry on the other.
    local upstreams="" port
    for port in "${REPLICA_PORTS[@]}"; do
        upstreams+="        server 127.0.0.1:$port max_fails=0;"$'\n'
    done
    sed -e "s|@RUN@|$RUN|g" -e "s|@PORT@|$PORT|g" "$PROJECT_DIR/deploy/nginx.conf.template" |
        "$PY" -c 'import sys; sys.stdout.write(sys.stdin.read().replace("@UPSTREAMS@\n", sys.argv[1]))' "$upstreams"
}

start_nginx() {
    mkdir -p "$RUN/nginx-body" "$RUN/nginx-proxy"
    nginx_conf >"$RUN/nginx.conf"
    if alive "$RUN/nginx.pid"; then
        nginx -c "$RUN/nginx.conf" -p "$RUN" -s reload
    else
        nginx -c "$RUN/nginx.conf" -p "$RUN"
    fi
}

prepare_site() {
    load_env
    # Creating an index waits for its shards on three nodes, and saving an image indexes it:
    # a busy machine needs more than the 10 s a page's indexing call is allowed.
    export SEARCH_INDEX_TIMEOUT=120
    stage "Static files, migrations, content"
    "$PY" manage.py collectstatic --no-input -v 0
    "$PY" manage.py migrate --no-input -v 0
    # Loading content indexes as it goes (immediate tasks) instead of queueing thousands of
    # index updates for the worker; the replicas and the worker use the database queue.
    if [ ! -f "$RUN/.content-loaded" ]; then
        TASKS_BACKEND=immediate "$PY" manage.py load_demo
        touch "$RUN/.content-loaded"
    fi
    # Generated innovations for load tests, added once to a database that has the demo.
    if [ -n "${PROD_INNOVATIONS:-}" ] && [ ! -f "$RUN/.bench-$PROD_INNOVATIONS" ]; then
        TASKS_BACKEND=immediate "$PY" manage.py generate_bench_data --clear --innovations "$PROD_INNOVATIONS"
        touch "$RUN/.bench-$PROD_INNOVATIONS"
    fi
    stage "Search index on the cluster"
    # The engine only: the database backend (search's fallback) keeps its index in the
    # database, filled as pages are published; rebuilding it took 1,297 s at 10,000.
    "$PY" manage.py update_index --backend default -v 0
}

start_all() {
    ensure_venv
    ensure_node_modules
    ensure_packages
    start_postgres
    write_env
    stage "Redis on 127.0.0.1:$REDIS_PORT"
    start_redis
    stage "OpenSearch cluster: 3 nodes"
    build_engine
    local n
    for n in 1 2 3; do start_node "$n"; done
    wait_for 180 "the OpenSearch cluster" cluster_health
    prepare_site
    stage "gunicorn replicas and nginx"
    for n in 1 2; do start_replica "$n"; done
    start_worker
    start_nginx
    wait_for 30 "nginx" curl -fsS --max-time 2 "http://127.0.0.1:$PORT/healthz"
    stage "Ready: http://127.0.0.1:$PORT/ (readiness: /readyz)"
    curl -fsS "http://127.0.0.1:$PORT/readyz"
    echo
}

stop_all() {
    if alive "$RUN/nginx.pid"; then nginx -c "$RUN/nginx.conf" -p "$RUN" -s quit || true; fi
    local n
    for n in 1 2; do stop_replica "$n"; done
    stop_worker
    for n in 1 2 3; do stop_node "$n"; done
    stop_redis
    rm -rf "$RUN"/os-*-data-*
    echo "production topology stopped"
}

status() {
    local name
    for name in nginx gunicorn-1 gunicorn-2 worker redis os-1 os-2 os-3; do
        if alive "$RUN/$name.pid"; then echo "$name: running (pid $(cat "$RUN/$name.pid"))"; else echo "$name: stopped"; fi
    done
}

PG_PORT=5432
case "${1:-}" in
    start) start_all ;;
    stop) stop_all ;;
    status) status ;;
    env) cat "$RUN/env" ;;
    nginx-conf) nginx_conf ;;
    restart-replica) stop_replica "$2" && start_replica "$2" ;;
    stop-replica) stop_replica "$2" ;;
    start-replica) start_replica "$2" ;;
    stop-node) stop_node "$2" ;;
    start-node) start_node "$2" ;;
    stop-redis) stop_redis ;;
    start-redis) start_redis ;;
    stop-worker) stop_worker ;;
    start-worker) start_worker ;;
    *)
        echo "usage: deploy/prod-local.sh start|stop|status|env|nginx-conf|restart-replica N|stop-replica N|start-replica N|stop-node N|start-node N|stop-redis|start-redis|stop-worker|start-worker" >&2
        exit 2
        ;;
esac
