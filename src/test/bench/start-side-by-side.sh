#!/usr/bin/env bash
# Time to /readyz 200 for two packaged jars, or two images, side by side: the rounds interleave
# the two, each start on a fresh SQLite data directory and free ports, so a drift of the machine
# falls on both.
#
#   src/test/bench/start-side-by-side.sh BEFORE.jar AFTER.jar [ROUNDS] [JVM option...]
#   src/test/bench/start-side-by-side.sh localhost/vigil:before localhost/vigil:after [ROUNDS]
#
# Extra arguments go to both JVMs (say -Dspring.aot.enabled=true for the start from Spring AOT's
# definitions, as the image makes it). An image (anything not ending in .jar) runs through podman
# as the Helm chart runs it (read-only root, /tmp a tmpfs, every capability dropped, 768 MiB),
# timed from `podman run`. Prints each start in milliseconds and the medians.
set -euo pipefail
before=$1 after=$2 rounds=${3:-6}
shift 2; [ $# -gt 0 ] && shift
options=("$@")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Stops one start: the JVM, or the container.
stop_start() {
  local jar=$1 pid=$2 http=$3
  if [[ $jar == *.jar ]]; then kill "$pid"; else podman rm -f -t 0 "start-$http" >/dev/null; fi
}

start_once() {
  local jar=$1 work http grpc pid started now
  work=$(mktemp -d)
  http=$(free_port); grpc=$(free_port)
  started=$(date +%s%N)
  if [[ $jar == *.jar ]]; then
    java "${options[@]}" -jar "$jar" --server.port="$http" --spring.grpc.server.port="$grpc" \
      --spring.datasource.url="jdbc:sqlite:$work/vigil.db" --vigil.hosts.file.path="$work/hosts" \
      --logging.level.root=warn >"$work/log" 2>&1 &
    pid=$!
  else
    chmod 777 "$work"
    podman run --rm --name "start-$http" --read-only --tmpfs /tmp -v "$work:/data" --cap-drop=ALL \
      --security-opt=no-new-privileges --memory=768m -p "127.0.0.1:$http:8080" "$jar" >"$work/log" 2>&1 &
    pid=$!
  fi
  local deadline=$(( started + 180 * 1000000000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/readyz" || true)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "start of $jar failed: $work/log" >&2; exit 1; }
    if (( $(date +%s%N) > deadline )); then
      echo "start of $jar not ready within 180 s: $work/log" >&2
      stop_start "$jar" "$pid" "$http"
      exit 1
    fi
    sleep 0.02
  done
  now=$(date +%s%N)
  stop_start "$jar" "$pid" "$http"
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
  echo $(( (now - started) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

a=() b=()
for ((round = 1; round <= rounds; round++)); do
  if (( round % 2 )); then a+=("$(start_once "$before")"); b+=("$(start_once "$after")");
  else b+=("$(start_once "$after")"); a+=("$(start_once "$before")"); fi
done
ma=$(printf '%s\n' "${a[@]}" | median); mb=$(printf '%s\n' "${b[@]}" | median)
echo "before: ${a[*]} ms (median $ma)"
echo "after:  ${b[*]} ms (median $mb)"
awk -v a="$ma" -v b="$mb" 'BEGIN {printf "after / before: %.2fx\n", b / a}'
