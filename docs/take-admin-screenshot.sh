#!/usr/bin/env bash
# Re-creates docs/spring-boot-admin.png and docs/spring-boot-admin-loggers.png: Spring Boot Admin's
# Details and Loggers views of a running Vigil, in headless Chromium (Debian package: chromium)
# driven by playwright-core (npm registry), as SpringBootAdminBrowserTest takes them.
# Everything runs on loopback; the admin server and Vigil stop when the test ends.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v chromium >/dev/null || { echo "needs chromium: apt-get install chromium" >&2; exit 1; }
command -v npm >/dev/null || { echo "needs node and npm" >&2; exit 1; }
./mvnw -q -B -ntp test -Dtest=SpringBootAdminBrowserTest -Dsurefire.failIfNoSpecifiedTests=false
cp target/admin-views/details.png docs/spring-boot-admin.png
cp target/admin-views/loggers.png docs/spring-boot-admin-loggers.png
cp target/admin-views/scheduledtasks.png docs/spring-boot-admin-scheduled-tasks.png
echo "wrote docs/spring-boot-admin.png, docs/spring-boot-admin-loggers.png and docs/spring-boot-admin-scheduled-tasks.png"
