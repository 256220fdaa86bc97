#!/usr/bin/env bash
# Backup and restore drill for the PostgreSQL database and the media files.
#
#   deploy/backup.sh backup DIR     pg_dump (custom format) of DATABASE_URL, a tar of MEDIA_ROOT,
#                                   and the inventory (counts and checksums) of what was saved
#   deploy/backup.sh drill DIR      restore DIR into a fresh database and a fresh media folder,
#                                   rebuild the search index there, and compare the restored
#                                   inventory with the saved one (exit 1 on any difference)
#
# Run with the environment of the site (e.g. `set -a; source /tmp/jipp-prod/env; set +a` for
# deploy/prod-local.sh). The drill never touches the source database or media.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$PROJECT_DIR"

action=${1:?usage: deploy/backup.sh backup|drill DIR}
dir=${2:?usage: deploy/backup.sh backup|drill DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database}"
case "$DATABASE_URL" in postgres://* | postgresql://*) ;; *) die "backups are for PostgreSQL (DATABASE_URL)" ;; esac
media_root="${MEDIA_ROOT:-$PROJECT_DIR/media}"

backup() {
    mkdir -p "$dir"
    stage "Database dump"
    pg_dump --format=custom --no-owner --file "$dir/db.dump" "$DATABASE_URL"
    stage "Media archive"
    tar -C "$media_root" -czf "$dir/media.tar.gz" .
    stage "Inventory"
    "$PY" manage.py inventory >"$dir/inventory.json"
    ls -l "$dir"
}

drill() {
    [ -f "$dir/db.dump" ] && [ -f "$dir/media.tar.gz" ] && [ -f "$dir/inventory.json" ] ||
        die "$dir does not hold a backup made by 'deploy/backup.sh backup'"
    local name restored_url restored_media started=$SECONDS
    name="jipp_restore_$(date +%Y%m%d%H%M%S)"
    restored_url="${DATABASE_URL%/*}/$name"
    restored_media="$(mktemp -d "${TMPDIR:-/tmp}/jipp-restore-media-XXXXXX")"
    stage "Restoring into the fresh database $name"
    psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE $name"
    pg_restore --no-owner --exit-on-error --dbname "$restored_url" "$dir/db.dump"
    tar -C "$restored_media" -xzf "$dir/media.tar.gz"
    stage "Migrations check and search index on the restored copy"
    # The restored copy gets its own index (prefix), so that the live one is left alone.
    # A backup older than the code lacks its newest migrations: say which and go on (a real
    # restore runs `manage.py migrate` after this comparison; migrating first could change
    # the rows being compared).
    if ! DATABASE_URL="$restored_url" "$PY" manage.py migrate --check --no-input >/dev/null; then
        echo "NOTE: the restored database lacks these migrations of the current code:"
        DATABASE_URL="$restored_url" "$PY" manage.py showmigrations --plan | grep '\[ \]' || true
    fi
    # The engine's index only: the database backend's index (search's fallback) is a table,
    # restored with the dump.
    DATABASE_URL="$restored_url" MEDIA_ROOT="$restored_media" \
        SEARCH_INDEX_PREFIX="${name}_" "$PY" manage.py update_index --backend default -v 0
    stage "Comparing the restored copy with the backup"
    local status=0
    DATABASE_URL="$restored_url" MEDIA_ROOT="$restored_media" \
        "$PY" manage.py inventory --compare "$dir/inventory.json" || status=$?
    echo "Restore drill took $((SECONDS - started)) s (database $name, media $restored_media)"
    return "$status"
}

case "$action" in
    backup) backup ;;
    drill) drill ;;
    *) die "usage: deploy/backup.sh backup|drill DIR" ;;
esac
