#!/usr/bin/env bash
# Builds, once per machine, a pristine WordPress for the tests: a copy of Debian's WordPress
# with our wp-config.php and router.php, and a MariaDB data folder with WordPress installed,
# /%postname%/ permalinks, an admin and an author user, each with an Application Password.
# Each test site (test/env/wordpress/start.ts) copies the data folder and shares the code.
# Idempotent: does nothing when the cache is complete. Needs the Debian packages
#   wordpress wordpress-theme-twentytwentythree php-cli php-mysql php-xml mariadb-server curl
# (php-xml: XML-RPC, which verify() uses to tell a wrong password from a stripped header).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${SITEDESK_WP_CACHE:-/tmp/sitedesk-cache/wordpress}"
stamp="v1-$(cat "$here/wp-config.php" "$here/router.php" "$here/install.php" "$0" | sha1sum | cut -c1-12)"

if [[ -f "$cache/ready" && "$(cat "$cache/ready")" == "$stamp" ]]; then exit 0; fi

for tool in php mariadbd mariadb-install-db mariadb-admin mariadb; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin"
  command -v "$tool" >/dev/null || {
    echo "prepare wordpress: $tool is missing. Install: apt-get install --no-install-recommends wordpress wordpress-theme-twentytwentythree php-cli php-mysql php-xml mariadb-server curl" >&2
    exit 1
  }
done
php -r 'exit(function_exists("xml_parser_create") && function_exists("mysqli_connect") ? 0 : 1);' ||
  { echo "prepare wordpress: PHP lacks the xml or mysqli extension. Install: apt-get install --no-install-recommends php-xml php-mysql" >&2; exit 1; }
[[ -d /usr/share/wordpress/wp-includes ]] || { echo "prepare wordpress: /usr/share/wordpress is missing (apt-get install wordpress)" >&2; exit 1; }

mkdir -p "$(dirname "$cache")"
exec 9>"$cache.lock"
flock 9
# Another process may have finished the cache while we waited for the lock.
if [[ -f "$cache/ready" && "$(cat "$cache/ready")" == "$stamp" ]]; then exit 0; fi

work="$(mktemp -d "$(dirname "$cache")/wp-build.XXXXXX")"
run="$(mktemp -d /tmp/sdwp-prep.XXXXXX)"
db_pid=""
cleanup() {
  if [[ -n "$db_pid" ]]; then kill -TERM -- "-$db_pid" 2>/dev/null || true; wait "$db_pid" 2>/dev/null || true; fi
  rm -rf "$run" "$work"
}
trap cleanup EXIT

# The code: Debian's copy without its wp-config.php (it reads /etc/wordpress/config-<host>.php).
cp -rL /usr/share/wordpress "$work/wp" 2>/dev/null || cp -r /usr/share/wordpress/. "$work/wp/"
rm -f "$work/wp/.htaccess"
cp "$here/wp-config.php" "$here/router.php" "$here/install.php" "$work/wp/"
mkdir -p "$work/wp/wp-content/uploads"

# The database, installed with WordPress once.
mariadb-install-db --no-defaults --datadir="$work/db" --user=root \
  --auth-root-authentication-method=socket --skip-test-db >"$run/install-db.log" 2>&1 ||
  { cat "$run/install-db.log" >&2; exit 1; }
setsid mariadbd --no-defaults --datadir="$work/db" --socket="$run/db.sock" --skip-networking \
  --user=root --skip-name-resolve --innodb-log-file-size=8M --innodb-buffer-pool-size=32M \
  --performance-schema=OFF --skip-log-bin --pid-file="$run/db.pid" >"$run/db.log" 2>&1 &
db_pid=$!
for _ in $(seq 1 100); do
  mariadb-admin --no-defaults --socket="$run/db.sock" -uroot ping >/dev/null 2>&1 && break
  sleep 0.1
done
mariadb --no-defaults --socket="$run/db.sock" -uroot <<'SQL'
CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY 'wordpress';
GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';
SQL

cat >"$run/instance.php" <<PHP
<?php
define('DB_HOST', 'localhost:$run/db.sock');
define('WP_HOME', 'http://127.0.0.1');
define('WP_SITEURL', 'http://127.0.0.1');
PHP
SITEDESK_WP_INSTANCE="$run" php "$work/wp/install.php" >"$work/credentials.json" 2>"$run/install.log" ||
  { cat "$run/install.log" >&2; exit 1; }
rm -f "$work/wp/install.php"

mariadb-admin --no-defaults --socket="$run/db.sock" -uroot shutdown
wait "$db_pid" 2>/dev/null || true
db_pid=""

rm -rf "$cache"
mv "$work" "$cache"
echo "$stamp" >"$cache/ready"
echo "prepare wordpress: pristine copy ready in $cache"
