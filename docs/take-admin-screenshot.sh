#!/usr/bin/env bash
# Re-creates docs/spring-boot-admin.png: Spring Boot Admin's page for a running Vigil, in
# headless Chromium (Debian package: chromium) driven by playwright-core (npm registry).
# Everything runs on loopback; the admin server and Vigil stop when the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v chromium >/dev/null || { echo "needs chromium: apt-get install chromium" >&2; exit 1; }
command -v npm >/dev/null || { echo "needs node and npm" >&2; exit 1; }
tools=target/screenshot-tools
mkdir -p "$tools"
[ -d "$tools/node_modules/playwright-core" ] || npm --prefix "$tools" install --silent --no-audit --no-fund playwright-core@1
cp docs/admin-screenshot.mjs "$tools/"

./mvnw -q -B -ntp -DskipTests test-compile
log=target/admin-demo.log
./mvnw -q -B -ntp exec:java -Dexec.mainClass=dev.vigil.ship.AdminDashboardDemo -Dexec.classpathScope=test \
  -Dexec.cleanupDaemonThreads=false >"$log" 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null; wait "$demo" 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  grep -q '^READY ' "$log" && break
  kill -0 "$demo" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 1
done
url=$(grep '^READY ' "$log" | head -1 | cut -d' ' -f2)
node "$tools/admin-screenshot.mjs" "$url" "$PWD/docs/spring-boot-admin.png"
echo "wrote docs/spring-boot-admin.png from $url"
