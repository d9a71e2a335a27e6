#!/usr/bin/env bash
# The calendar tests start Radicale by hand (test/env/caldav/radicale.ts); it only has to be
# installed, with openssl to write its htpasswd file (APR1-MD5: Debian's radicale checks those
# with python3-passlib; bcrypt would need python3-bcrypt, which Debian's radicale does not pull in).
set -euo pipefail
missing=()
[ -x /usr/bin/radicale ] || missing+=(radicale)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test/env/caldav: missing Debian packages: ${missing[*]} (apt-get install -y --no-install-recommends ${missing[*]})" >&2
  exit 1
fi
apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "${missing[@]}" >/dev/null
