# lot_traceability — the two commands: `make run` (demo server) and `make test`;
# `make cluster` serves the same through nginx over two Odoo nodes;
# `make odoo-tests` checks that Odoo's own tests still pass with the addon;
# `make lint` runs the pre-commit hooks (isort, flake8, pylint-odoo) on the whole repository;
# `make docs` builds the documentation (docs/, Sphinx) into .state/docs/html.
# Environment: LOT_HTTP_PORT (8069), LOT_DB (lot_demo), LOT_PG_PORT (55432),
# LOT_TEST_DB (lot_test), LOT_STATE_DIR (.state), PYTHON (python3, must be 3.11),
# LOT_WORKERS (0: threaded server; N > 0: N HTTP workers + longpolling + cron).
PY := .venv/bin/python
ARGS ?=

.PHONY: setup run cluster test odoo-tests lint docs stop status bench clean-state pot

setup:
	@bash harness/bootstrap.sh

run: setup
	@$(PY) -m harness.run

# two Odoo nodes (2 workers each) on one database behind nginx on $LOT_HTTP_PORT
cluster: setup
	@$(PY) -m harness.cluster

test: setup
	@$(PY) -m harness.test $(ARGS)

# Odoo's own tests of stock/mrp/purchase/sale_stock, native vs with the addon
odoo-tests: setup
	@$(PY) -m harness.odoo_tests $(ARGS)

# isort, flake8 and pylint-odoo (.pre-commit-config.yaml) on lot_traceability/, tests/,
# harness/, bench/ and setup.py: the checks pre-commit runs on each commit, on every file
lint: setup
	@$(PY) -m pre_commit run --all-files

# docs/ with Sphinx (its own venv, requirements-docs.txt) into $LOT_STATE_DIR/docs/html,
# every warning an error; needs neither Odoo nor the database
docs:
	@bash harness/docs.sh $(ARGS)

stop:
	@if [ -x $(PY) ]; then $(PY) -m harness.pg stop; else echo "not running"; fi

status:
	@$(PY) -m harness.pg status

bench: setup
	@$(PY) -m bench $(ARGS)

clean-state: stop
	rm -rf .state

# Regenerate i18n/lot_traceability.pot from the addon as installed in $LOT_DB (lot_demo)
pot: setup
	@$(PY) -m harness.pg start >/dev/null
	@$(PY) -m harness.odoo_bin -c .state/odoo.conf -d $${LOT_DB:-lot_demo} --log-level=warn \
		--i18n-export=.state/lot_traceability.po --modules=lot_traceability \
		--stop-after-init && cp .state/lot_traceability.po lot_traceability/i18n/lot_traceability.pot
