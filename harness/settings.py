# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Paths, ports and names shared by the harness, overridable by environment."""
import os
import shutil
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATE = os.environ.get('LOT_STATE_DIR') or os.path.join(REPO, '.state')
PG_DIR = os.path.join(STATE, 'pg')
PG_DATA = os.path.join(PG_DIR, 'data')
PG_SOCKET_DIR = os.path.join(PG_DIR, 'run')
PG_LOG = os.path.join(PG_DIR, 'postgresql.log')
PG_HOST = '127.0.0.1'
PG_PORT = int(os.environ.get('LOT_PG_PORT') or 55432)
PG_USER = 'odoo'
HTTP_PORT = int(os.environ.get('LOT_HTTP_PORT') or 8069)
# multi-process mode (``make run``): 0 = threaded server, N > 0 = N HTTP workers
# plus the longpolling process (LONGPOLLING_PORT) and cron workers
WORKERS = int(os.environ.get('LOT_WORKERS') or 0)
LONGPOLLING_PORT = int(os.environ.get('LOT_LONGPOLLING_PORT') or HTTP_PORT + 3)
DEMO_DB = os.environ.get('LOT_DB') or 'lot_demo'
TEST_DB = os.environ.get('LOT_TEST_DB') or 'lot_test'
ADDON = 'lot_traceability'
# the glue between the addon and OCA's barcode app (stock_barcodes): installed
# with them in the test template; lot_traceability alone in the demo database
GLUE_ADDON = 'lot_traceability_stock_barcodes'
TEMPLATE_MODULES = [ADDON, GLUE_ADDON]
ODOO_CONF = os.path.join(STATE, 'odoo.conf')
DATA_DIR = os.path.join(STATE, 'data')
NPM_BIN = os.path.join(STATE, 'npm', 'node_modules', '.bin')


def odoo_addons_dir():
    import importlib.util
    spec = importlib.util.find_spec('odoo')
    if spec is None:
        raise SystemExit('Odoo is not installed in this Python: run "make setup" first.')
    return os.path.join(list(spec.submodule_search_locations)[0], 'addons')


def addons_path():
    return ','.join([odoo_addons_dir(), REPO])


def env():
    """Environment for Odoo child processes: lessc and the venv first in PATH."""
    result = dict(os.environ)
    path = [NPM_BIN, os.path.dirname(sys.executable)]
    result['PATH'] = os.pathsep.join(path + [result.get('PATH', '')])
    return result


def require_tool(name, hint):
    if shutil.which(name, path=env()['PATH']) is None:
        raise SystemExit('Missing tool %r: %s' % (name, hint))


def write_odoo_conf(path=ODOO_CONF, **extra):
    """Write the server configuration used by ``make run`` and the tests."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    options = {
        'addons_path': addons_path(),
        'data_dir': DATA_DIR,
        'db_host': PG_HOST,
        'db_port': PG_PORT,
        'db_user': PG_USER,
        'db_password': 'False',
        'admin_passwd': 'admin',
        'http_interface': '127.0.0.1',
        'http_port': HTTP_PORT,
        'longpolling_port': LONGPOLLING_PORT,
        'list_db': 'False',
        'without_demo': 'False',
        'limit_time_cpu': 600,
        'limit_time_real': 1200,
    }
    options.update(extra)
    tmp = '%s.%d' % (path, os.getpid())
    with open(tmp, 'w') as conf:
        conf.write('[options]\n')
        for key, value in options.items():
            conf.write('%s = %s\n' % (key, value))
    os.replace(tmp, path)   # atomic: parallel runs never read a half-written file
    return path
