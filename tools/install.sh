#!/usr/bin/env bash
# Installs whatever DX Check needs that is missing, from the package registries only (never GitHub).
# Idempotent: each step checks first, so a second run takes about a second.
#   rustup target wasm32-unknown-unknown · trunk 0.21.14 · wasm-bindgen-cli at the Cargo.lock version
#   npm ci of tools/ (binaryen 132: wasm-opt; Noto Sans for the printed report) and tests/e2e/ (playwright-core,
#   axe-core) · Debian chromium + driver, poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
say() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 7 minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WB_VERSION" ]; then echo "wasm-bindgen is not in Cargo.lock" >&2; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WB_VERSION"; then
  say "installing wasm-bindgen-cli $WB_VERSION (about 2 minutes, once)"
  cargo install --locked wasm-bindgen-cli --version "$WB_VERSION"
fi

npm_ci() { # npm ci when node_modules is missing or older than the lockfile
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci tools
npm_ci tests/e2e

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdftotext >/dev/null; then
  say "installing Debian chromium, chromium-driver and poppler-utils (pdftotext, for the print test)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver poppler-utils fonts-dejavu-core >/dev/null
fi

# Trunk runs offline (it must never download tools), so cargo needs every crate fetched beforehand.
cargo fetch --locked -q
