#!/usr/bin/env bash
# Makes sure the local PostgreSQL and Redis answer, starting them if they do not.
# Safe to run any number of times: a service that already answers is left alone.
# Prints one line per service; exits non-zero, naming the service, if one cannot be started.
#
# Used by `npm run dev` (scripts/dev.sh) and by CI (.ci/run). Expects a Debian machine with
# the postgresql and redis-server packages installed and, to start services, root.
#
# Overridable for unusual setups (defaults match libs/config/src/app-config.ts):
#   PG_PORT (5432), PG_CLUSTER (main), REDIS_PORT (6379), SERVICES_WAIT_SECONDS (30)
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT=${PG_PORT:-5432}
PG_CLUSTER=${PG_CLUSTER:-main}
REDIS_HOST=127.0.0.1
REDIS_PORT=${REDIS_PORT:-6379}
REDIS_DIR=/var/lib/redis
REDIS_LOG=/var/log/redis/ci.log
WAIT_SECONDS=${SERVICES_WAIT_SECONDS:-30}

fail() {
  echo "ensure-services: $*" >&2
  exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

# --- PostgreSQL ---------------------------------------------------------------

pg_answers() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" >/dev/null 2>&1; }

# The newest installed PostgreSQL version that has the cluster (normally the only one).
pg_version() {
  local v found=''
  [[ -d /etc/postgresql ]] || return 1
  for v in $(ls /etc/postgresql | sort -V); do
    [[ -d /etc/postgresql/$v/$PG_CLUSTER ]] && found=$v
  done
  [[ -n $found ]] && echo "$found"
}

ensure_postgres() {
  have pg_isready || fail "postgres: pg_isready not found; install PostgreSQL (apt-get install postgresql)"
  if pg_answers; then
    echo "postgres: already running on $PG_HOST:$PG_PORT"
    return
  fi
  have pg_ctlcluster || fail "postgres: not answering on $PG_HOST:$PG_PORT and pg_ctlcluster not found (apt-get install postgresql)"
  local version output
  version=$(pg_version) || fail "postgres: not answering on $PG_HOST:$PG_PORT and no cluster '$PG_CLUSTER' under /etc/postgresql"

  # "already running" means it is still starting (or recovering): just wait for it below.
  if ! output=$(pg_ctlcluster --skip-systemctl-redirect "$version" "$PG_CLUSTER" start 2>&1); then
    if [[ $output != *"already running"* ]]; then
      local hint=''
      ((EUID == 0)) || hint=' (starting it needs root)'
      fail "postgres: could not start cluster $version/$PG_CLUSTER$hint:
$output"
    fi
  fi

  local waited=0
  until pg_answers; do
    if ((waited >= WAIT_SECONDS)); then
      fail "postgres: cluster $version/$PG_CLUSTER started but $PG_HOST:$PG_PORT did not accept connections within ${WAIT_SECONDS}s; see /var/log/postgresql/postgresql-$version-$PG_CLUSTER.log"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "postgres: started cluster $version/$PG_CLUSTER, ready on $PG_HOST:$PG_PORT after ${waited}s"
}

# --- Redis --------------------------------------------------------------------

redis_answers() { [[ $(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

ensure_redis() {
  have redis-cli || fail "redis: redis-cli not found; install Redis (apt-get install redis-server redis-tools)"
  if redis_answers; then
    echo "redis: already running on $REDIS_HOST:$REDIS_PORT"
    return
  fi
  have redis-server || fail "redis: not answering on $REDIS_HOST:$REDIS_PORT and redis-server not found (apt-get install redis-server)"
  mkdir -p "$REDIS_DIR" "$(dirname "$REDIS_LOG")" || fail "redis: cannot create $REDIS_DIR or $(dirname "$REDIS_LOG")"

  # No persistence: this instance serves development and tests only.
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$REDIS_DIR" --logfile "$REDIS_LOG" ||
    fail "redis: redis-server failed to start on port $REDIS_PORT; see $REDIS_LOG"

  local waited=0
  until redis_answers; do
    if ((waited >= WAIT_SECONDS)); then
      echo "ensure-services: last lines of $REDIS_LOG:" >&2
      tail -n 15 "$REDIS_LOG" >&2 2>/dev/null || true
      fail "redis: started but $REDIS_HOST:$REDIS_PORT did not answer PING within ${WAIT_SECONDS}s"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "redis: started, ready on $REDIS_HOST:$REDIS_PORT after ${waited}s"
}

ensure_postgres
ensure_redis
