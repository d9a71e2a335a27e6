#!/usr/bin/env bash
# Installs the Node site generators the git tests build sample sites with (Eleventy, Astro)
# once per machine into a cache folder outside the clone. They are test tools, not part of
# sitedesk: kept out of its package.json, a user's install does not carry their ~420 packages
# (nor Astro's "EBADENGINE … node >=22" warnings). Hugo and Jekyll come from Debian.
# Idempotent: the folder is named after the lock file, and a marker is written only after a
# full, checked install.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stamp="$(cat "$here/package.json" "$here/package-lock.json" | sha1sum | cut -c1-12)"
CACHE_DIR="${SITEDESK_CACHE_DIR:-$HOME/.cache/sitedesk}"
TARGET="$CACHE_DIR/generators-$stamp"
MARKER="$TARGET/.sitedesk-installed"

if [[ -f "$MARKER" ]]; then exit 0; fi

mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/.generators.lock"
flock 9
if [[ -f "$MARKER" ]]; then exit 0; fi

started=$(date +%s)
work="$(mktemp -d "$CACHE_DIR/.generators-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$work/"
echo "[generators/prepare] npm ci (Eleventy, Astro) into $TARGET …"
(cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
for bin in node_modules/@11ty/eleventy/cmd.cjs node_modules/astro/astro.js; do
  [[ -f "$work/$bin" ]] || { echo "generators/prepare: $bin is missing after npm ci" >&2; exit 1; }
done

rm -rf "$TARGET"
mv "$work" "$TARGET"
trap - EXIT
date -u +%FT%TZ >"$MARKER"
# Point build-site.ts at this install (one name for whichever lock file is current).
ln -sfn "$TARGET" "$CACHE_DIR/generators"
echo "[generators/prepare] ready at $TARGET in $(( $(date +%s) - started )) s"
