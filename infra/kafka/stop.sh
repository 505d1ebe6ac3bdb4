#!/usr/bin/env bash
# Stops the broker started by start.sh (SIGTERM: a clean shutdown; SIGKILL after 30 s).
#   bash infra/kafka/stop.sh          # keeps topics and offsets for the next start
#   bash infra/kafka/stop.sh --wipe   # also deletes data and logs (jars stay cached)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="${KAFKA_WORK_DIR:-$here/.work}"
pid_file="$work/kafka.pid"
wipe=false
is_broker() { kill -0 "$1" 2>/dev/null && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'; }
for arg in "$@"; do
  case "$arg" in
    --wipe) wipe=true ;;
    *) printf '[kafka] ERROR: unknown argument %s (only --wipe)\n' "$arg" >&2; exit 2 ;;
  esac
done

if [[ -f "$pid_file" ]]; then
  pid="$(cat "$pid_file")"
  if is_broker "$pid"; then
    printf '[kafka] stopping broker (pid %s)\n' "$pid"
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      printf '[kafka] still running after 30 s: killing pid %s\n' "$pid"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  else
    printf '[kafka] pid %s is not a running broker\n' "$pid"
  fi
  rm -f "$pid_file"
else
  printf '[kafka] not running (no pid file in %s)\n' "$work"
fi

if $wipe; then
  printf '[kafka] wiping %s/data and %s/logs\n' "$work" "$work"
  rm -rf "$work/data" "$work/logs" "$work/server.properties" "$work/log4j.properties"
fi
