# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""OCA's own tests of the barcode app (base_gs1_barcode, stock_barcodes,
stock_barcodes_gs1) pass with lot_traceability and its glue installed: run
by pytest-odoo in a child process on a clone of the test template, the way
``make odoo-tests`` runs Odoo's (harness/odoo_tests.py)."""
from conftest import template_db
from harness import db as harness_db, odoo_tests, pg, settings


def installed(dbname, modules):
    conn = pg.connect(dbname)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT name FROM ir_module_module WHERE name IN %s "
                       "AND state = 'installed'", (tuple(modules),))
            return {row[0] for row in cr.fetchall()}
    finally:
        conn.close()


def test_oca_barcode_app_tests_pass_with_our_addons():
    modules = odoo_tests.OCA_MODULES + settings.TEMPLATE_MODULES
    assert installed(template_db(), modules) == set(modules)
    paths = odoo_tests.test_paths(odoo_tests.OCA_MODULES)
    assert len(paths) == len(odoo_tests.OCA_MODULES), paths
    name = settings.TEST_DB + '_oca'
    harness_db.clone(template_db(), name)
    try:
        proc, report, log = odoo_tests.start_pytest(name, 'oca', [], paths=paths)
        proc.wait()
        log.close()
        results = odoo_tests.outcomes(report)
    finally:
        harness_db.drop(name)
    for module in odoo_tests.OCA_MODULES:
        assert any(key.startswith(module + '/') for key in results), \
            'no test of %s ran (log: %s)' % (module, log.name)
    failed = sorted('%s [%s]' % (key, state) for key, state in results.items()
                    if state != 'passed')
    assert not failed, 'OCA tests failing with lot_traceability (log: %s): %s' % (
        log.name, failed)
