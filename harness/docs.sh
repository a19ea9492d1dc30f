#!/usr/bin/env bash
# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
#
# make docs: builds docs/ with Sphinx into $LOT_STATE_DIR/docs/html, every warning an
# error (-W --keep-going -n: all of them are listed, then the build fails).
# Sphinx lives in its own venv, $LOT_STATE_DIR/docs-venv, from requirements-docs.txt
# (re-installed when that file changes): it needs newer Jinja2/MarkupSafe than Odoo 11.
# Needs no database and no Odoo: python3 (3.11, as the project) and pip's registry.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${LOT_STATE_DIR:-$REPO/.state}"
VENV="$STATE/docs-venv"
PYTHON="${PYTHON:-python3}"

say() { printf '[docs] %s\n' "$*"; }
die() { printf '[docs] ERROR: %s\n' "$*" >&2; exit 1; }

mkdir -p "$STATE"
# shellcheck source=harness/venv.sh
. "$REPO/harness/venv.sh"
venv_install "$VENV" "$REPO/requirements-docs.txt" "$STATE/docs-pip-install.log"
rm -rf "$STATE/docs/doctrees"
"$VENV/bin/sphinx-build" -q -W --keep-going -n -b html -d "$STATE/docs/doctrees" \
    "$REPO/docs" "$STATE/docs/html" "$@"
say "built: $STATE/docs/html/index.html"
