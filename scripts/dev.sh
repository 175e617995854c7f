#!/usr/bin/env bash
# `npm run dev`: everything needed to try the platform on this machine, from a fresh clone.
#
#   1. npm ci            when node_modules is missing or older than package-lock.json
#   2. Postgres, Redis   started if they are not answering (scripts/ensure-services.sh)
#   3. build, migrate, seed (the demo cases coupang-2025 and telecom-sim-2026)
#   4. mail catcher (maildev, SMTP 1025, web 1080), worker and API as child processes, their
#      output prefixed [mail] / [worker] / [api] and also written to .run/<name>.log
#   5. waits until http://127.0.0.1:3000/health/ready answers 200, then prints the URLs
#
# Ctrl-C (or SIGTERM) stops all three gracefully; if any of them dies, the others are
# stopped and the script exits non-zero. Development keys only (NODE_ENV=development).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

API_PORT=3000
WORKER_HEALTH_PORT=3001
SMTP_PORT=1025
MAIL_WEB_PORT=1080
READY_TIMEOUT=${DEV_READY_TIMEOUT:-60}
STOP_TIMEOUT=15
RUN_DIR="$ROOT/.run"
PID_FILE="$RUN_DIR/dev.pids"
READY_URL="http://127.0.0.1:$API_PORT/health/ready"

export NODE_ENV=development
export PORT=$API_PORT
export LOG_PRETTY=${LOG_PRETTY:-true}

step() { printf '\n==> %s\n' "$*"; }
fail() {
  printf '\ndev: %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }

# --- ports ----------------------------------------------------------------------

# Who listens on a port, as "pid N: command line", when ss can tell.
port_owner() {
  local pid
  have ss || return 0
  pid=$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2) || true
  [[ -n $pid ]] && echo "pid $pid: $(ps -o args= -p "$pid" 2>/dev/null | cut -c1-120)"
  return 0
}

# Fails, naming the port, if one of ours is taken (usually by an earlier `npm run dev` still running).
check_ports() {
  local busy port what owner problems=''
  # A real bind on 127.0.0.1, the address the API and maildev use: exactly what would fail later.
  busy=$(node -e '
    const net = require("node:net");
    const ports = process.argv.slice(1).map(Number);
    Promise.all(ports.map((port) => new Promise((resolve) => {
      const server = net.createServer();
      server.once("error", (e) => resolve(e.code === "EADDRINUSE" || e.code === "EACCES" ? port : null));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(null)));
    }))).then((taken) => console.log(taken.filter(Boolean).join(" ")));
  ' "$API_PORT" "$WORKER_HEALTH_PORT" "$SMTP_PORT" "$MAIL_WEB_PORT")
  for port in $busy; do
    case $port in
      "$API_PORT") what='API' ;;
      "$WORKER_HEALTH_PORT") what='worker health' ;;
      "$SMTP_PORT") what='mail catcher SMTP' ;;
      *) what='mail catcher web' ;;
    esac
    owner=$(port_owner "$port")
    problems+="  port $port ($what) is already in use${owner:+ by $owner}"$'\n'
  done
  # The worker listens on no port: recognise one left by an earlier run from the pid file.
  local name pid args
  if [[ -f $PID_FILE ]]; then
    while read -r name pid; do
      [[ $problems == *"pid $pid:"* ]] && continue # already named above
      args=$(ps -o args= -p "$pid" 2>/dev/null) || continue
      [[ $args == *"$ROOT/"* ]] && problems+="  the $name process of an earlier run is still running (pid $pid: ${args:0:120})"$'\n'
    done <"$PID_FILE"
  fi
  if [[ -n $problems ]]; then
    fail "cannot start:
$problems
An earlier \`npm run dev\` is probably still running: stop it (Ctrl-C in its terminal, or
kill the pid shown above) and run \`npm run dev\` again."
  fi
}

# --- child processes --------------------------------------------------------------

declare -A PIDS=()  # name -> pid
NAMES=()            # start order

# start NAME COMMAND...: runs COMMAND in its own session (so a terminal Ctrl-C reaches only this
# script, which then stops the children once, in order), output prefixed and logged.
start_child() {
  local name=$1 label
  shift
  label=$(printf '%-9s' "[$name]")
  : >"$RUN_DIR/$name.log"
  if have setsid; then set -- setsid "$@"; fi
  # The prefixer ignores INT/TERM/HUP so it outlives the child and passes on its last lines.
  "$@" </dev/null > >(
    trap '' INT TERM HUP
    tee -a "$RUN_DIR/$name.log" | sed -u "s/^/$label/"
  ) 2>&1 &
  PIDS[$name]=$!
  NAMES+=("$name")
  echo "$name ${PIDS[$name]}" >>"$PID_FILE"
}

# True while the process runs (an exited child that is not reaped yet does not count).
running() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}

STOPPED=0
stop_children() {
  ((STOPPED == 0)) || return 0
  STOPPED=1
  ((${#NAMES[@]} > 0)) || return 0
  local name pid deadline=$((SECONDS + STOP_TIMEOUT)) left
  # API first (stops taking claims), then the worker (finishes its jobs), then the mail catcher.
  for name in api worker mail; do
    pid=${PIDS[$name]:-}
    [[ -n $pid ]] && running "$pid" && kill -TERM "$pid" 2>/dev/null || true
  done
  while :; do
    left=()
    for name in "${NAMES[@]}"; do running "${PIDS[$name]}" && left+=("$name"); done
    ((${#left[@]} == 0)) && break
    if ((SECONDS >= deadline)); then
      echo "dev: ${left[*]} did not stop within ${STOP_TIMEOUT}s; killing" >&2
      for name in "${left[@]}"; do kill -KILL "${PIDS[$name]}" 2>/dev/null || true; done
      break
    fi
    sleep 0.2
  done
  local status summary=()
  for name in "${NAMES[@]}"; do
    status=0
    wait "${PIDS[$name]}" 2>/dev/null || status=$?
    # 127: already reaped (the child that died first). A clean stop is 0; 137 means it was killed.
    ((status == 127)) || summary+=("$name exit $status")
  done
  sleep 0.2 # let the prefixers print the last lines
  local joined
  joined=$(printf ', %s' "${summary[@]}")
  echo "==> children stopped (${joined:2})"
}

show_logs() {
  local name
  for name in "${NAMES[@]}"; do
    echo "---- last lines of .run/$name.log ----" >&2
    tail -n 25 "$RUN_DIR/$name.log" >&2 || true
  done
}

on_signal() {
  trap '' INT TERM HUP
  printf '\n==> %s received: stopping mail catcher, worker and API\n' "$1"
  stop_children
  exit "$2"
}

# `npm run dev` runs this script under `sh -c`; a SIGTERM sent to npm reaches that sh, which dies
# without passing it on. So a watcher stops this script when its parent process goes away.
WATCHER=''
watch_parent() {
  local parent=$PPID
  ((parent > 1)) || return 0
  (
    trap 'exit 0' TERM
    while kill -0 "$parent" 2>/dev/null; do
      kill -0 $$ 2>/dev/null || exit 0 # this script is gone (SIGKILL): nothing to stop
      sleep 1
    done
    kill -TERM $$ 2>/dev/null
  ) &
  WATCHER=$!
}

cleanup() {
  stop_children
  if [[ -n $WATCHER ]]; then
    kill -TERM "$WATCHER" 2>/dev/null || true
    wait "$WATCHER" 2>/dev/null || true
  fi
  # Only this run's pid file: a failed start must not forget an earlier run's processes.
  ((${#NAMES[@]} == 0)) || rm -f "$PID_FILE"
}

trap 'cleanup' EXIT
trap 'on_signal SIGINT 130' INT
trap 'on_signal SIGTERM 143' TERM
trap 'on_signal SIGHUP 129' HUP

# --- setup ------------------------------------------------------------------------

((BASH_VERSINFO[0] > 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] >= 1))) || fail "bash >= 5.1 is needed (this is $BASH_VERSION)"
have node || fail "node is not installed (Node >= 20.19 is needed)"
have curl || fail "curl is not installed (apt-get install curl)"
check_ports

if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "npm ci (node_modules missing or older than package-lock.json)"
  npm ci --no-audit --no-fund
else
  step "dependencies up to date (skipping npm ci)"
fi

step "PostgreSQL and Redis"
bash scripts/ensure-services.sh

step "npm run build"
npm run build --silent

step "npm run migrate (as postgres; creates the claims_app role the apps connect as)"
npm run migrate --silent

step "npm run seed"
npm run seed --silent

# --- run ------------------------------------------------------------------------------

mkdir -p "$RUN_DIR"
: >"$PID_FILE"
step "starting mail catcher, worker and API"
watch_parent
start_child mail "$ROOT/node_modules/.bin/maildev" --smtp "$SMTP_PORT" --web "$MAIL_WEB_PORT" --ip 127.0.0.1
start_child worker node "$ROOT/dist/apps/worker/src/main.js"
# The heap limit production runs the API with (package.json start:api, docker/Dockerfile).
start_child api node --max-old-space-size=256 "$ROOT/dist/apps/api/src/main.js"

# Sets DIED to "name (exit status N)" for a child that has exited (and reaps it); empty while all run.
DIED=''
find_dead_child() {
  local name status
  DIED=''
  for name in "${NAMES[@]}"; do
    if ! running "${PIDS[$name]}"; then
      status=0
      wait "${PIDS[$name]}" 2>/dev/null || status=$?
      DIED="$name (exit status $status)"
      return 0
    fi
  done
}

deadline=$((SECONDS + READY_TIMEOUT))
until curl -fsS -o /dev/null --max-time 2 "$READY_URL" 2>/dev/null; do
  find_dead_child
  if [[ -n $DIED ]]; then
    show_logs
    fail "$DIED stopped during startup; its output is above"
  fi
  if ((SECONDS >= deadline)); then
    show_logs
    echo "---- $READY_URL ----" >&2
    curl -sS --max-time 2 "$READY_URL" >&2 || true
    echo >&2
    fail "$READY_URL did not answer 200 within ${READY_TIMEOUT}s"
  fi
  sleep 1
done

# A staff admin for the demo firm, new each run (its invitation link works once): the console's way in.
STAFF_LINK=$(npm run staff --silent -- create-admin hangyeol "dev-admin-$(date +%s)@firm.example" 데모 관리자 2>&1 | tail -1 || true)

cat <<EOF

================================================================================
  Claims intake is running (startup took ${SECONDS}s). Ctrl-C stops everything.

  Case page      http://localhost:$API_PORT/c/coupang-2025        (Korean; ?lang=en for English)
  Claim form     http://localhost:$API_PORT/c/coupang-2025/join   (the code arrives in the mail catcher)
  Demo case 2    http://localhost:$API_PORT/c/telecom-sim-2026
  API docs       http://localhost:$API_PORT/api/docs
  Mail catcher   http://localhost:$MAIL_WEB_PORT      (every email the platform sends)
  Health         http://localhost:$API_PORT/health/ready   (worker: http://localhost:$WORKER_HEALTH_PORT/health/ready)
  Staff console  $STAFF_LINK
                 (a new admin's one-time invitation: set a password, enrol an authenticator app;
                 then invite an attorney under 직원 계정 to review claims, batches and exports)
  Logs           .run/api.log  .run/worker.log  .run/mail.log

  Or file a demo claim through the JSON API the way a client does (proof of work, an
  email code read back from the mail catcher, then the claim), from another terminal:

    npm run demo:claim                      # a new address each time: a new claim
    npm run demo:claim -- you@example.com   # the same address twice: 409, and a
                                            # "claim already exists" email instead

  The receipt email, with the status link, appears in the mail catcher a moment later.
================================================================================

EOF

# Run until a child dies or a signal arrives (the traps handle signals).
status=0
done_pid=''
wait -n -p done_pid "${PIDS[@]}" || status=$?
trap '' INT TERM HUP
for name in "${NAMES[@]}"; do
  [[ ${PIDS[$name]} == "$done_pid" ]] && echo "dev: $name stopped (exit status $status); stopping the others" >&2
done
stop_children
exit $((status == 0 ? 1 : status))
