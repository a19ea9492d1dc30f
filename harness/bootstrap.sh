#!/usr/bin/env bash
# Installs what lot_traceability needs on this machine, and nothing twice:
#   system packages (apt): wkhtmltopdf (PDF reports), chromium + chromium-driver
#     (browser tests), poppler-utils (looking at PDFs), nginx (make cluster), PostgreSQL when absent;
#   lessc (npm: less@3 + less-plugin-clean-css) into .state/npm;
#   the Python venv .venv from requirements.txt (re-installed when it changes),
#   plus a .pth file that loads harness.compat in every interpreter of the venv.
# Each step is skipped quickly when already done. Stops with a clear message
# naming what is missing when an install is impossible.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${LOT_STATE_DIR:-$REPO/.state}"
VENV="$REPO/.venv"
PYTHON="${PYTHON:-python3}"
mkdir -p "$STATE"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# --- system packages -------------------------------------------------------
need_apt=()
command -v wkhtmltopdf >/dev/null || need_apt+=(wkhtmltopdf)
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
command -v runuser >/dev/null || need_apt+=(util-linux)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need_apt+=(nginx)
if ! command -v pg_ctl >/dev/null && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    need_apt+=(postgresql)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        die "missing system packages: ${need_apt[*]}. Install them with: sudo apt-get install -y ${need_apt[*]}"
    fi
    command -v apt-get >/dev/null || die "missing system packages (${need_apt[*]}) and no apt-get to install them"
    say "installing system packages: ${need_apt[*]}"
    apt-get update -qq || die "apt-get update failed (network?); needed: ${need_apt[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
        || die "apt-get install ${need_apt[*]} failed"
fi

# --- lessc (backend CSS) ---------------------------------------------------
if [ ! -x "$STATE/npm/node_modules/.bin/lessc" ]; then
    command -v npm >/dev/null || die "npm is missing (needed for lessc): apt-get install -y npm"
    say "installing lessc (npm less@3, less-plugin-clean-css) into $STATE/npm"
    mkdir -p "$STATE/npm"
    npm install --silent --no-audit --no-fund --prefix "$STATE/npm" less@3 less-plugin-clean-css >/dev/null \
        || die "npm install less@3 less-plugin-clean-css failed"
fi

# --- Python venv -----------------------------------------------------------
"$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
    || die "Python 3.11 is required ($PYTHON is $("$PYTHON" --version 2>&1)); set PYTHON=/path/to/python3.11"
# shellcheck source=harness/venv.sh
. "$REPO/harness/venv.sh"
venv_install "$VENV" "$REPO/requirements.txt" "$STATE/pip-install.log"
# harness.compat must be active before anything imports odoo (pytest plugins included)
site="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
pth="$site/lot_traceability_harness.pth"
printf '%s\nimport harness.compat\n' "$REPO" > "$pth.new"
cmp -s "$pth.new" "$pth" 2>/dev/null && rm "$pth.new" || mv "$pth.new" "$pth"
say "ready"
