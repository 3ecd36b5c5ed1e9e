#!/usr/bin/env bash
# Vendor front-end assets from the npm registry into static/vendor/.
#
# The app runs on isolated government intranets: no CDN is ever used, every
# browser asset is served by Django from static/vendor/. This script is the
# only way those files get there. It is idempotent: running it again with the
# same pinned versions produces byte-identical files.
#
# Usage:  bash scripts/vendor.sh
# To upgrade, change a version below, run the script, check the pages, and
# commit static/vendor/ together with this script.
set -euo pipefail

BOOTSTRAP_VERSION="5.3.9"
BOOTSTRAP_ICONS_VERSION="1.11.4"
HTMX_VERSION="2.0.11"
ECHARTS_VERSION="6.1.0"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/static/vendor"

command -v npm >/dev/null 2>&1 || { echo "vendor.sh: npm is required (apt-get install npm)" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "vendor.sh: installing bootstrap@$BOOTSTRAP_VERSION bootstrap-icons@$BOOTSTRAP_ICONS_VERSION htmx.org@$HTMX_VERSION echarts@$ECHARTS_VERSION"
# --ignore-scripts: we only need the packaged files; run no install hooks.
npm install --no-save --no-audit --no-fund --ignore-scripts --save-exact \
    --prefix "$WORK" \
    "bootstrap@$BOOTSTRAP_VERSION" \
    "bootstrap-icons@$BOOTSTRAP_ICONS_VERSION" \
    "htmx.org@$HTMX_VERSION" \
    "echarts@$ECHARTS_VERSION" >/dev/null

NM="$WORK/node_modules"

# Fail loudly if the registry handed us something other than the pin.
check_version() {  # package expected
    local got
    got="$(node -p "require('$NM/$1/package.json').version")"
    if [ "$got" != "$2" ]; then
        echo "vendor.sh: $1 is $got, expected $2" >&2
        exit 1
    fi
}
check_version bootstrap "$BOOTSTRAP_VERSION"
check_version bootstrap-icons "$BOOTSTRAP_ICONS_VERSION"
check_version htmx.org "$HTMX_VERSION"
check_version echarts "$ECHARTS_VERSION"

# copy SRC DEST: copy one file, creating the folder.
copy() {
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2"
}

# Start each package folder from scratch so removed upstream files vanish.
rm -rf "$VENDOR/bootstrap" "$VENDOR/bootstrap-icons" "$VENDOR/htmx" "$VENDOR/echarts"

# --- Bootstrap: CSS + JS bundle (includes Popper), no source maps ---------
B="$NM/bootstrap"
copy "$B/dist/css/bootstrap.min.css"       "$VENDOR/bootstrap/css/bootstrap.min.css"
copy "$B/dist/js/bootstrap.bundle.min.js"  "$VENDOR/bootstrap/js/bootstrap.bundle.min.js"
copy "$B/LICENSE"                          "$VENDOR/bootstrap/LICENSE"
# Drop the sourceMappingURL comments: the .map files are not vendored and a
# dangling reference makes browser dev tools request a file that 404s.
sed -i '/^\/\*# sourceMappingURL=.*\*\/$/d' "$VENDOR/bootstrap/css/bootstrap.min.css"
sed -i '/^\/\/# sourceMappingURL=.*$/d'     "$VENDOR/bootstrap/js/bootstrap.bundle.min.js"
echo "$BOOTSTRAP_VERSION" > "$VENDOR/bootstrap/VERSION"

# --- Bootstrap Icons: min CSS + the web fonts it references ---------------
I="$NM/bootstrap-icons"
copy "$I/font/bootstrap-icons.min.css"           "$VENDOR/bootstrap-icons/bootstrap-icons.min.css"
copy "$I/font/fonts/bootstrap-icons.woff2"       "$VENDOR/bootstrap-icons/fonts/bootstrap-icons.woff2"
copy "$I/font/fonts/bootstrap-icons.woff"        "$VENDOR/bootstrap-icons/fonts/bootstrap-icons.woff"
copy "$I/LICENSE"                                "$VENDOR/bootstrap-icons/LICENSE"
echo "$BOOTSTRAP_ICONS_VERSION" > "$VENDOR/bootstrap-icons/VERSION"

# --- htmx ------------------------------------------------------------------
H="$NM/htmx.org"
copy "$H/dist/htmx.min.js"  "$VENDOR/htmx/htmx.min.js"
copy "$H/LICENSE"           "$VENDOR/htmx/LICENSE"
echo "$HTMX_VERSION" > "$VENDOR/htmx/VERSION"

# --- Apache ECharts: the full minified build (Apache-2.0: LICENSE + NOTICE) --
E="$NM/echarts"
copy "$E/dist/echarts.min.js"  "$VENDOR/echarts/echarts.min.js"
copy "$E/LICENSE"              "$VENDOR/echarts/LICENSE"
copy "$E/NOTICE"               "$VENDOR/echarts/NOTICE"
sed -i '/^\/\/# sourceMappingURL=.*$/d' "$VENDOR/echarts/echarts.min.js"
echo "$ECHARTS_VERSION" > "$VENDOR/echarts/VERSION"

# Sanity: the icon CSS must reference only fonts/ files we copied.
for ref in $(grep -o 'url("[^"]*")' "$VENDOR/bootstrap-icons/bootstrap-icons.min.css" | sed -E 's/url\("([^"?#]*).*/\1/' | sort -u); do
    if [ ! -f "$VENDOR/bootstrap-icons/$ref" ]; then
        echo "vendor.sh: bootstrap-icons.min.css references missing $ref" >&2
        exit 1
    fi
done
# Sanity: nothing vendored may point at an external URL for loading.
if grep -lE '(src|href)=["'"'"']https?://|url\(["'"'"']?https?://|@import[^;]*https?://' \
        "$VENDOR"/bootstrap/css/*.css "$VENDOR"/bootstrap-icons/*.css 2>/dev/null; then
    echo "vendor.sh: a vendored stylesheet loads an external URL" >&2
    exit 1
fi

# Sanity: the ECharts build must not fetch anything itself (no map/theme/font
# downloads from a CDN); it draws only what the page's own script gives it.
if grep -qE 'https?://(cdn|unpkg|fastly|cdnjs|jsdelivr)[^"'"'"']*' "$VENDOR/echarts/echarts.min.js"; then
    echo "vendor.sh: echarts.min.js refers to a CDN" >&2
    exit 1
fi

echo "vendor.sh: done"
find "$VENDOR" -type f ! -name README.md | sort | sed "s|^$ROOT/||"
