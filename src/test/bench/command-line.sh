#!/usr/bin/env bash
# The command line's wall time per command, side by side in one run (hyperfine, Debian's package):
# today's `java -jar vigil.jar` against the image's launcher (src/main/launcher/vigil: the extracted
# jar, the client's class-data archive, C1 only, serial GC), each answering a small request from a
# Vigil started here on loopback (SQLite in a temporary directory, security off). Needs
# ./mvnw -DskipTests package first. Prints hyperfine's markdown table.
set -euo pipefail
cd "$(dirname "$0")/../../.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
jar=$(ls target/vigil-*.jar | head -n 1)
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(free_port)
grpc=$(free_port)
java -jar "$jar" --server.port="$http" --spring.grpc.server.port="$grpc" --vigil.security.enabled=false \
  --spring.datasource.url="jdbc:sqlite:$work/vigil.db" --vigil.hosts.file.path="$work/hosts" \
  --vigil.models.directory="$work/models" >"$work/server.log" 2>&1 &
server=$!

# The image's /app, made as the Dockerfile makes it on the image's Java (IMAGE_JAVA_HOME, by default
# the Temurin 25 JDK): extracted jar, launcher, training run (src/main/launcher/train).
java_jar=$(command -v java)
export PATH="${IMAGE_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin:$PATH"
cp "$jar" "$work/vigil.jar"
java -Djarmode=tools -jar "$work/vigil.jar" extract --destination "$work/app" >/dev/null
cp src/main/launcher/vigil "$work/app/vigil"
(cd "$work/app" && sh "$OLDPWD/src/main/launcher/train" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

for _ in $(seq 120); do curl -sf "localhost:$http/readyz" >/dev/null && break; sleep 0.5; done
curl -sf "localhost:$http/readyz" >/dev/null || { tail -n 20 "$work/server.log" >&2; exit 1; }
"$java_jar" -jar "$jar" --server "127.0.0.1:$grpc" host add --ip 10.0.0.1 --hostname bench.home >/dev/null

export VIGIL_SERVER="127.0.0.1:$grpc" HOME="$work"
hyperfine -N --warmup 3 --runs 15 --export-markdown "$work/table.md" \
  -n "java -jar: probe liveness" "$java_jar -jar $jar probe liveness" \
  -n "vigil: probe liveness" "$work/app/vigil probe liveness" \
  -n "java -jar: host list" "$java_jar -jar $jar -f json host list" \
  -n "vigil: host list" "$work/app/vigil -f json host list" \
  -n "vigil: server health" "$work/app/vigil -f json server health" \
  -n "vigil: --help" "$work/app/vigil --help" >&2
cat "$work/table.md"
