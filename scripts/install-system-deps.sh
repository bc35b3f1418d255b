#!/usr/bin/env bash
# The Debian packages that the integration tests need (Debian 12, as root; about 30-60 s):
#   chromium     the browser that playwright-core drives (no Playwright browser download)
#   libkrb5-dev  code-server's `kerberos` module builds from source against it
#   pkg-config   used by those native builds
#   ripgrep      stands in for the ripgrep that @vscode/ripgrep would download
#   build-essential, python3   make, g++ and node-gyp's Python for those native builds (usually
#                present already)
# Also needed: node 20 and npm. Skips apt entirely when every package is already installed.
# `npm test` and `npm start` run this script themselves when a package is missing and they run as
# root (scripts/systemPackages.ts); set AUTH0_OIDC_NO_AUTO_INSTALL=1 to make them stop instead.
set -euo pipefail

packages=(chromium libkrb5-dev pkg-config ripgrep build-essential python3)

missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" != "installed" ]; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "[install-system-deps] already installed: ${packages[*]}"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo=(sudo); else
    echo "[install-system-deps] missing ${missing[*]}; run this script as root" >&2
    exit 1
  fi
fi
echo "[install-system-deps] installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
