#!/usr/bin/env bash
# Makes sure the git connector tests find what they run: git with git-http-backend (the test
# git server), Hugo and Jekyll from Debian (the sample-site builds). Eleventy and Astro come
# from npm (devDependencies). Idempotent: installs only what is missing, and only as root.
set -euo pipefail

missing=()
command -v git >/dev/null 2>&1 && [ -x /usr/lib/git-core/git-http-backend ] || missing+=(git)
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
command -v jekyll >/dev/null 2>&1 || missing+=(jekyll)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test/env/git: missing Debian packages: ${missing[*]} (install them: apt-get install -y --no-install-recommends ${missing[*]})" >&2
  exit 1
fi
echo "test/env/git: installing ${missing[*]}"
apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "${missing[@]}" >/dev/null \
  || { apt-get update >/dev/null && apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "${missing[@]}" >/dev/null; }
