#!/usr/bin/env bash
# Installs Ghost 5 once per machine into a cache folder outside the clone.
# Why not `npm install ghost` / ghost-cli: see issue 4 (file: devDependency, GitHub tarballs,
# ghost-cli needs Node 22). Recipe: npm pack → untar → drop devDependencies → yarn 1 with
# Ghost's own yarn.lock. Idempotent: a marker file is written only after a full success.
set -euo pipefail

GHOST_VERSION="${GHOST_VERSION:-5.130.4}"
CACHE_DIR="${SITEDESK_CACHE_DIR:-$HOME/.cache/sitedesk}"
TARGET="$CACHE_DIR/ghost-$GHOST_VERSION"
MARKER="$TARGET/.sitedesk-installed"

if [[ -f "$MARKER" ]]; then
  echo "[ghost/prepare] Ghost $GHOST_VERSION already installed at $TARGET"
  exit 0
fi

mkdir -p "$CACHE_DIR"
# One installer at a time per machine (several test runs may start together).
exec 9>"$CACHE_DIR/.ghost-$GHOST_VERSION.lock"
flock 9
if [[ -f "$MARKER" ]]; then
  echo "[ghost/prepare] Ghost $GHOST_VERSION installed by a concurrent run"
  exit 0
fi

started=$(date +%s)
work="$(mktemp -d "$CACHE_DIR/.ghost-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "[ghost/prepare] fetching ghost@$GHOST_VERSION (npm pack) …"
(cd "$work" && npm pack "ghost@$GHOST_VERSION" --silent >/dev/null)
tar -xzf "$work"/ghost-"$GHOST_VERSION".tgz -C "$work"
pkg="$work/package"

echo "[ghost/prepare] dropping devDependencies …"
(cd "$pkg" && npm pkg delete devDependencies)

# Ghost's yarn.lock names the yarn mirror of the npm registry; fetch from the npm registry
# itself, the one registry every machine of ours reaches.
if [ -f "$pkg/yarn.lock" ]; then
  sed -i 's#https://registry.yarnpkg.com/#https://registry.npmjs.org/#g' "$pkg/yarn.lock"
fi

echo "[ghost/prepare] yarn install --production (sqlite3/re2 may build from source; ~2 min) …"
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
(cd "$pkg" && npx --yes yarn@1.22.22 install --production --pure-lockfile --non-interactive \
  --network-timeout 600000 --cache-folder "$CACHE_DIR/.yarn-cache")

echo "[ghost/prepare] checking native modules load …"
(cd "$pkg" && node -e "require('sqlite3'); require('sharp'); console.log('native modules ok')")

rm -rf "$TARGET"
mv "$pkg" "$TARGET"
date -u +%FT%TZ >"$MARKER"
# The yarn cache (~800 MB) only helps a failed install's retry; drop it once installed.
rm -rf "$CACHE_DIR/.yarn-cache"
echo "[ghost/prepare] Ghost $GHOST_VERSION ready at $TARGET in $(( $(date +%s) - started )) s"
