#!/usr/bin/env bash
# The PostgreSQL and Redis that the tests run against (TRIAGE_TEST_POSTGRES, TRIAGE_TEST_REDIS), on loopback only.
#   tools/services.sh start   installs what is missing (Debian packages), starts both, prints the two variables
#   tools/services.sh stop    stops only what `start` started; services that were already running are left alone
# What `start` started is recorded in a state file, so `stop` also works from another shell or after a failed run.
# The PostgreSQL cluster is tuned for throwaway test data (no fsync): never point this at a cluster holding real data.
set -euo pipefail

# Overridable so the script can be tried on a scratch cluster beside one that is in use.
PG_PORT="${TRIAGE_SERVICES_PG_PORT:-5432}"
REDIS_PORT="${TRIAGE_SERVICES_REDIS_PORT:-6379}"
ROLE=triage
STATE_FILE="${TRIAGE_SERVICES_STATE:-/tmp/triage-services.state}"
REDIS_PIDFILE="/tmp/triage-redis-$REDIS_PORT.pid"
REDIS_LOGFILE="/tmp/triage-redis-$REDIS_PORT.log"
WAIT_SECONDS=60

say() { echo "services: $*" >&2; }
die() { say "error: $*"; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "not root and sudo is missing: run as root"
    SUDO="sudo"
fi

# PostgreSQL refuses to run as root and its superuser is reached by peer authentication as the postgres user.
as_user() {
    local user=$1; shift
    # From /: the caller's directory may be unreadable to that user, and psql would say so on every call.
    if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u "$user" -- "$@"); else (cd / && sudo -u "$user" -- "$@"); fi
}
pg_sql() { as_user postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres -Atc "$1"; }

recorded() { [ -f "$STATE_FILE" ] && grep -qx "$1" "$STATE_FILE"; }
record() { recorded "$1" || echo "$1" >>"$STATE_FILE"; }

install_missing() {
    local packages=()
    # The client tools alone (psql, pg_lsclusters) are often installed without a server.
    compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || packages+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
    [ "${#packages[@]}" -eq 0 ] && return 0
    say "installing ${packages[*]} from Debian's packages"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
}

# Prints "version name status" of the cluster on PG_PORT, creating one when the machine has none.
pg_cluster() {
    local line
    line=$(pg_lsclusters -h | awk -v port="$PG_PORT" '$3 == port { print $1, $2, $4; exit }')
    if [ -z "$line" ]; then
        [ -z "$(pg_lsclusters -h)" ] || die "PostgreSQL has clusters, but none on port $PG_PORT (see pg_lsclusters)"
        local version
        version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
        [ -n "$version" ] || die "no PostgreSQL server version found under /usr/lib/postgresql"
        say "creating PostgreSQL cluster $version/main on port $PG_PORT"
        $SUDO pg_createcluster "$version" main --port "$PG_PORT" >/dev/null
        line=$(pg_lsclusters -h | awk -v port="$PG_PORT" '$3 == port { print $1, $2, $4; exit }')
    fi
    echo "$line"
}

wait_until() {
    local what=$1; shift
    local waited=0
    until "$@" >/dev/null 2>&1; do
        [ "$waited" -lt "$WAIT_SECONDS" ] || die "$what did not answer within ${WAIT_SECONDS}s"
        sleep 1
        waited=$((waited + 1))
    done
}

pg_answers() { pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; }
redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }

# Settings for a test cluster: data may be lost on a power cut, which throwaway test databases can afford.
tune_postgres() {
    local version=$1 name=$2 changed=0
    local setting wanted current
    for setting in fsync synchronous_commit full_page_writes; do
        current=$(pg_sql "SHOW $setting")
        if [ "$current" != "off" ]; then
            pg_sql "ALTER SYSTEM SET $setting = off"
            changed=1
        fi
    done
    # Several test hosts and two app servers each hold a pool; the default 100 runs out.
    current=$(pg_sql "SHOW max_connections")
    if [ "$current" -lt 300 ]; then
        pg_sql "ALTER SYSTEM SET max_connections = 300"
        changed=1
    fi
    # Debian's default, localhost, is loopback too (127.0.0.1 and ::1), so it is kept rather than paid for with a restart.
    current=$(pg_sql "SHOW listen_addresses")
    wanted="127.0.0.1"
    if [ "$current" != "$wanted" ] && [ "$current" != "localhost" ]; then
        pg_sql "ALTER SYSTEM SET listen_addresses = '$wanted'"
        changed=1
    fi
    [ "$changed" -eq 1 ] || return 0
    pg_sql "SELECT pg_reload_conf()" >/dev/null
    if [ "$(pg_sql "SELECT count(*) FROM pg_settings WHERE pending_restart")" != "0" ]; then
        say "restarting PostgreSQL $version/$name for the test settings"
        $SUDO pg_ctlcluster "$version" "$name" restart
        wait_until "PostgreSQL" pg_answers
    fi
}

start_postgres() {
    local cluster version name status
    # Assigned on its own line so that a failure inside pg_cluster stops the script (a here-string would hide it).
    cluster=$(pg_cluster)
    read -r version name status <<<"$cluster"
    if [[ "$status" == online* ]]; then
        say "PostgreSQL $version/$name is already running"
    else
        say "starting PostgreSQL $version/$name"
        $SUDO pg_ctlcluster "$version" "$name" start
        record "postgres $version $name"
    fi
    # The local socket answers before TCP does when listen_addresses was just changed, so wait on TCP only after tuning.
    wait_until "PostgreSQL (socket)" pg_sql "SELECT 1"
    tune_postgres "$version" "$name"
    wait_until "PostgreSQL on 127.0.0.1:$PG_PORT" pg_answers
    if [ -z "$(pg_sql "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
        say "creating the PostgreSQL role $ROLE"
        pg_sql "CREATE ROLE $ROLE LOGIN SUPERUSER PASSWORD '$ROLE'"
    fi
}

start_redis() {
    if redis_answers; then
        say "Redis is already answering on 127.0.0.1:$REDIS_PORT"
        return 0
    fi
    say "starting Redis on 127.0.0.1:$REDIS_PORT (no persistence)"
    local args=(--bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes
        --dir /tmp --pidfile "$REDIS_PIDFILE" --logfile "$REDIS_LOGFILE")
    # As root, the package's own unprivileged user runs it, as Debian's service would.
    if [ "$(id -u)" -eq 0 ] && id redis >/dev/null 2>&1; then
        touch "$REDIS_LOGFILE" && chown redis "$REDIS_LOGFILE"
        as_user redis redis-server "${args[@]}"
    else
        redis-server "${args[@]}"
    fi
    record "redis"
    wait_until "Redis on 127.0.0.1:$REDIS_PORT" redis_answers
}

stop_postgres() {
    local version name
    read -r _ version name < <(grep '^postgres ' "$STATE_FILE" | head -n 1)
    say "stopping PostgreSQL $version/$name"
    $SUDO pg_ctlcluster "$version" "$name" stop || say "PostgreSQL $version/$name did not stop cleanly"
}

stop_redis() {
    say "stopping Redis on 127.0.0.1:$REDIS_PORT"
    if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1; then
        # SHUTDOWN closes the connection instead of answering, so only a Redis still answering means it failed.
        if redis_answers && [ -f "$REDIS_PIDFILE" ]; then $SUDO kill "$(cat "$REDIS_PIDFILE")" || true; fi
    fi
    local waited=0
    while redis_answers; do
        [ "$waited" -lt "$WAIT_SECONDS" ] || die "Redis still answers after ${WAIT_SECONDS}s"
        sleep 1
        waited=$((waited + 1))
    done
}

case "${1:-}" in
    start)
        install_missing
        start_postgres
        start_redis
        say "ready"
        echo "TRIAGE_TEST_POSTGRES=Host=127.0.0.1;Port=$PG_PORT;Username=$ROLE;Password=$ROLE;Database=postgres"
        echo "TRIAGE_TEST_REDIS=127.0.0.1:$REDIS_PORT"
        ;;
    stop)
        if [ ! -f "$STATE_FILE" ]; then
            say "nothing to stop: start did not start anything (no $STATE_FILE)"
            exit 0
        fi
        if grep -qx redis "$STATE_FILE"; then stop_redis; fi
        if grep -q '^postgres ' "$STATE_FILE"; then stop_postgres; fi
        rm -f "$STATE_FILE"
        say "stopped"
        ;;
    *)
        echo "usage: $0 start|stop" >&2
        exit 2
        ;;
esac
