#!/usr/bin/env bash
# Refreshes the vendored front-end files in internal/web/static/vendor from
# the npm registry at the pinned versions below. The files are committed, so
# building and running noichinh never needs Node or the network; run this
# only to change a version, then review the diff and commit.
set -euo pipefail
HTMX_VERSION=2.0.11
CHARTJS_VERSION=4.6.1

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/internal/web/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

npm pack --silent "htmx.org@$HTMX_VERSION" "chart.js@$CHARTJS_VERSION" >/dev/null
mkdir htmx chartjs
tar -xzf "htmx.org-$HTMX_VERSION.tgz" -C htmx
tar -xzf "chart.js-$CHARTJS_VERSION.tgz" -C chartjs

rm -f "$dest"/*
cp htmx/package/dist/htmx.min.js "$dest/htmx.min.js"
cp htmx/package/LICENSE "$dest/htmx.LICENSE"
cp chartjs/package/dist/chart.umd.min.js "$dest/chart.umd.min.js"
cp chartjs/package/LICENSE.md "$dest/chart.js.LICENSE.md"

{
  echo "# Vendored front-end files: written by scripts/vendor-frontend.sh, do not edit."
  echo "htmx.org $HTMX_VERSION (BSD Zero Clause License) https://www.npmjs.com/package/htmx.org"
  echo "chart.js $CHARTJS_VERSION (MIT License) https://www.npmjs.com/package/chart.js"
  echo
  (cd "$dest" && sha256sum htmx.min.js chart.umd.min.js)
} > "$dest/VERSIONS"
echo "vendored htmx $HTMX_VERSION and chart.js $CHARTJS_VERSION into $dest"
