#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml), on the staged build in $TRUNK_STAGING_DIR, in this order:
#   1. pre-render the welcome page into index.html (src/bin/prerender.rs, natively with yew's ssr);
#   2. write the size of the whole app's wasm (dx_office, loaded on demand) into boot.js, for its progress bar;
#   3. write the service worker listing every asset of this build (tools/sw.mjs), index.html included.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir=${TRUNK_STAGING_DIR:-dist}
cargo run --quiet --features prerender --bin prerender -- "$dir/index.html"
office="$dir/dx_office_bg.wasm"
if [ -f "$office" ]; then
  sed -i -E "s/^const OFFICE_BYTES = [0-9]+;/const OFFICE_BYTES = $(stat -c %s "$office");/" "$dir/boot.js"
fi
node tools/sw.mjs "$dir"
