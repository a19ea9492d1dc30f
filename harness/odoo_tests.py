# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``make odoo-tests``: Odoo's own tests of the modules we extend, with and without the addon.

Runs the test modules of stock, mrp, purchase, sale_stock (and product_expiry,
which has none in 11.0) through pytest-odoo on two databases of the private
cluster:

* native: those standard modules only (with demo data), built once and kept as
  a template (its name carries a digest of what shapes it);
* addon: the same plus lot_traceability, cloned from the test template that
  ``make test`` builds (seconds when it is up to date).

Both pytest runs go in parallel, each on a fresh clone.  Fails, listing them,
when a test passes natively and not with the addon, unless it is in
``ALLOWED`` (an intended change, documented in
docs/reference/standard_odoo.rst).

    python -m harness.odoo_tests [-k EXPR ...]   # extra args go to both pytest runs
"""
import hashlib
import os
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree

from . import db, pg, settings

MODULES = ['stock', 'mrp', 'purchase', 'sale_stock', 'product_expiry']
# OCA's barcode app, installed in the test template with its glue
# (lot_traceability_stock_barcodes): tests/test_barcode_app_oca.py runs their tests
OCA_MODULES = ['base_gs1_barcode', 'stock_barcodes', 'stock_barcodes_gs1']
# installed in the native database: the modules lot_traceability depends on
NATIVE_MODULES = ['stock', 'mrp', 'sale_stock', 'purchase', 'product_expiry', 'barcodes']

# Tests that pass natively and are expected to fail with the addon, each with
# the intended behaviour change that explains it.
ALLOWED = {
    # Automatic receipt lots: validating a receipt of lot-tracked products
    # without lots creates the lots instead of refusing
    # (docs/reference/standard_odoo.rst, switch: Inventory settings "Automatic lots on receipts").
    'stock/tests/test_move.py::StockMove::test_immediate_validate_5',
    'stock/tests/test_move.py::StockMove::test_immediate_validate_6',
}


def test_paths(modules=None):
    """The test folders of MODULES (default: MODULES) that hold tests."""
    root = settings.odoo_addons_dir()
    paths = [os.path.join(root, module, 'tests') for module in modules or MODULES]
    return [path for path in paths if os.path.isfile(os.path.join(path, '__init__.py'))
            and any(name.startswith('test_') for name in os.listdir(path))]


def native_digest():
    digest = hashlib.sha1(','.join(NATIVE_MODULES).encode())
    for path in (os.path.join(settings.REPO, 'requirements.txt'),
                 os.path.join(settings.REPO, 'harness', 'compat.py')):
        with open(path, 'rb') as handle:
            digest.update(handle.read())
    return digest.hexdigest()[:12]


def native_template():
    """The native database template (built once per digest)."""
    prefix = settings.TEST_DB + '_native_'
    name = prefix + native_digest()
    if not _modules_installed(name):
        if db.exists(name):
            db.drop(name)
        print('Creating the native database %r (%s)...' % (name, ', '.join(NATIVE_MODULES)),
              flush=True)
        seconds = db.install(name, demo=True, modules=','.join(NATIVE_MODULES),
                             check=_modules_installed)
        print('Native database ready in %.0f s.' % seconds, flush=True)
    with pg.connect() as conn, conn.cursor() as cr:
        cr.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s) "
                   "AND datname <> %s", (prefix, name))
        old = [row[0] for row in cr.fetchall()]
    for other in old:
        db.drop(other)
    return name


def _modules_installed(name):
    return db.is_complete(name, modules=NATIVE_MODULES)


def start_pytest(dbname, label, extra, paths=None):
    """pytest-odoo on the tests of PATHS (default: those of MODULES) in DBNAME,
    in a child process: (process, junit report path, open log file)."""
    conf = settings.write_odoo_conf(
        os.path.join(settings.STATE, 'odoo-tests-%s.conf' % label), http_port=0)
    report = os.path.join(settings.STATE, 'odoo-tests-%s.xml' % label)
    log = open(os.path.join(settings.STATE, 'odoo-tests-%s.log' % label), 'w')
    cmd = [sys.executable, '-m', 'pytest', '--odoo-config=%s' % conf,
           '--odoo-database=%s' % dbname, '--odoo-log-level=critical',
           '-p', 'no:cacheprovider', '-q', '-o', 'addopts=', '-W', 'ignore::DeprecationWarning',
           '--rootdir=%s' % settings.odoo_addons_dir(), '--junitxml=%s' % report]
    cmd += (test_paths() if paths is None else paths) + list(extra)
    proc = subprocess.Popen(cmd, cwd=settings.REPO, env=settings.env(),
                            stdout=log, stderr=subprocess.STDOUT)
    return proc, report, log


def outcomes(report):
    """{'stock/tests/test_move.py::Class::test': 'passed'|'failed'|'error'|'skipped'}"""
    result = {}
    for case in ElementTree.parse(report).iter('testcase'):
        # classname: stock.tests.test_move.StockMove (relative to --rootdir)
        parts = case.get('classname', '').split('.')
        if parts[:2] == ['odoo', 'addons']:
            parts = parts[2:]
        key = '%s.py::%s::%s' % ('/'.join(parts[:-1]), parts[-1], case.get('name'))
        state = 'passed'
        for child in case:
            if child.tag in ('failure', 'error', 'skipped'):
                state = {'failure': 'failed'}.get(child.tag, child.tag)
        result[key] = state
    return result


def summary(label, results):
    counts = {}
    for state in results.values():
        counts[state] = counts.get(state, 0) + 1
    return '%s: %s' % (label, ', '.join('%d %s' % (n, s) for s, n in sorted(counts.items())))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    started = time.time()
    try:
        pg.start()
        native_src = native_template()
        addon_src = db.template()
        native = db.clone(native_src, settings.TEST_DB + '_odoo_native')
        addon = db.clone(addon_src, settings.TEST_DB + '_odoo_addon')
    except (db.DatabaseError, pg.ClusterError) as exc:
        raise SystemExit(str(exc))
    print('Databases ready in %.0f s; running Odoo\'s tests of %s on %r and %r '
          '(logs in %s/odoo-tests-*.log)...'
          % (time.time() - started, ', '.join(MODULES), native, addon, settings.STATE),
          flush=True)
    tests_started = time.time()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    runs = {label: start_pytest(name, label, argv)
            for label, name in (('native', native), ('addon', addon))}
    results = {}
    for label, (proc, report, log) in runs.items():
        proc.wait()
        log.close()
        if not os.path.exists(report):
            raise SystemExit('pytest on the %s database produced no report (exit %s): see %s'
                             % (label, proc.returncode, log.name))
        results[label] = outcomes(report)
        print(summary(label, results[label]), flush=True)
    for name in (native, addon):
        db.drop(name)
    passing = {key for key, state in results['native'].items() if state == 'passed'}
    broken = sorted(key for key in passing if results['addon'].get(key) != 'passed')
    unexpected = [key for key in broken if key not in ALLOWED]
    allowed = [key for key in broken if key in ALLOWED]
    for key in allowed:
        print('allowed (intended change): %s [%s]' % (key, results['addon'].get(key, 'missing')))
    for key in sorted(ALLOWED - set(allowed)):
        print('note: allowed test no longer differs: %s' % key)
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    print('Odoo tests: %d pass natively; took %.0f s (pytest runs %.0f s wall, %.0f s CPU '
          'for both).' % (len(passing), time.time() - started, time.time() - tests_started,
                          cpu.ru_utime + cpu.ru_stime - before.ru_utime - before.ru_stime))
    if unexpected:
        print('FAILED: %d test(s) pass natively and not with lot_traceability:' % len(unexpected))
        for key in unexpected:
            print('  %s [%s]' % (key, results['addon'].get(key, 'missing')))
        return 1
    print('OK: every test that passes natively passes with lot_traceability '
          '(except the allow-list).')
    return 0


if __name__ == '__main__':
    sys.exit(main())
