#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml), on the staged build in $TRUNK_STAGING_DIR, in this order:
#   1. pre-render the welcome page into index.html (src/bin/prerender.rs, natively with yew's ssr);
#   2. write the service worker listing every asset of this build (tools/sw.mjs), index.html included.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir=${TRUNK_STAGING_DIR:-dist}
cargo run --quiet --features prerender --bin prerender -- "$dir/index.html"
node tools/sw.mjs "$dir"
