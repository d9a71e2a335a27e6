#!/usr/bin/env bash
# The mail tests start dovecot by hand (test/env/mail/dovecot.ts); it only has to be installed.
# Debian package: dovecot-imapd (pulls in dovecot-core). Nothing else is prepared.
set -euo pipefail
if [ ! -x /usr/sbin/dovecot ]; then
  echo "dovecot is missing: apt-get install -y --no-install-recommends dovecot-imapd" >&2
  exit 1
fi
