# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
#
# Sourced by bootstrap.sh (the project's .venv) and docs.sh (Sphinx's venv), after
# they define say() and die():
#   venv_install VENV REQUIREMENTS LOG
# creates VENV with $PYTHON when missing and installs REQUIREMENTS into it with
# --no-deps (every dependency is pinned in the file), again whenever the file
# changes (its sha1 is kept in VENV/.requirements.sha1); pip's output goes to LOG.

venv_install() {
    local venv="$1" requirements="$2" log="$3"
    local stamp="$venv/.requirements.sha1" want
    want="$(sha1sum "$requirements" | cut -d' ' -f1)"
    if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
        return 0
    fi
    [ -x "$venv/bin/python" ] || { say "creating $venv"; "$PYTHON" -m venv "$venv"; }
    say "installing Python packages from $(basename "$requirements")"
    "$venv/bin/pip" install -q --disable-pip-version-check --no-deps -r "$requirements" \
        >"$log" 2>&1 \
        || { tail -30 "$log" >&2; die "pip install -r $(basename "$requirements") failed (log: $log)"; }
    echo "$want" > "$stamp"
}
