# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared fixtures: extra databases cloned from the template, a real Odoo
HTTP server in a child process, and a headless Chromium.

The session database (``--odoo-database``) is opened by pytest-odoo; tests
using ``odoo.tests.common`` cases run in its transactions and roll back.
Tests that need committed data, several cursors or an HTTP server get their
own clone of the template database (seconds to make)."""
import os
import threading
from contextlib import contextmanager

import pytest

import odoo

from harness import db as harness_db, pg, settings
from harness.server import OdooServer, RpcError, free_port  # noqa: F401 (tests import RpcError)

REPO = settings.REPO


def template_db():
    name = os.environ.get('LOT_TEMPLATE_DB')
    if not name:
        pytest.fail('LOT_TEMPLATE_DB is not set: run the tests with "make test"')
    return name


@contextmanager
def cloned_database(suffix):
    """A committed-data database of our own, dropped afterwards."""
    name = '%s_%s' % (settings.TEST_DB, suffix)
    harness_db.clone(template_db(), name)
    try:
        yield name
    finally:
        odoo.sql_db.close_db(name)
        odoo.modules.registry.Registry.delete(name)
        harness_db.drop(name)


@contextmanager
def registry_env(dbname, uid=odoo.SUPERUSER_ID, context=None):
    """An environment on DBNAME whose cursor commits on success."""
    registry = odoo.registry(dbname)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, uid, context or {})


def run_in_threads(target, values, timeout=300):
    """Run TARGET(value) for every value, each in its own thread; wait for all."""
    threads = [threading.Thread(target=target, args=(value,)) for value in values]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)


@pytest.fixture
def clone_db(request):
    """Factory: ``clone_db('suffix')`` returns a fresh database name."""
    stack = []

    def make(suffix):
        manager = cloned_database(suffix)
        stack.append(manager)
        return manager.__enter__()

    yield make
    while stack:
        stack.pop().__exit__(None, None, None)


@contextmanager
def served_database(suffix, build=None, **options):
    """A real Odoo server (OdooServer's OPTIONS) on a free port, on a clone of
    the template with what BUILD(env) makes committed; the server's ``docs``
    are what BUILD returned."""
    with cloned_database(suffix) as dbname:
        docs = None
        if build is not None:
            with registry_env(dbname) as env:
                docs = build(env)
        port = free_port()
        options.setdefault('name', 'test-server-%d' % port)
        server = OdooServer(dbname, port, **options).start()
        server.docs = docs
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def cr():
    """A cursor on the test database (plain SQL tests), rolled back at the end."""
    conn = pg.connect(settings.TEST_DB)
    conn.autocommit = False
    cursor = conn.cursor()
    try:
        yield cursor
    finally:
        conn.rollback()
        conn.close()


@pytest.fixture(scope='session')
def odoo_server():
    """A real Odoo HTTP server on a free port, on its own committed database."""
    with served_database('http') as server:
        yield server


@pytest.fixture(scope='session')
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for arg in ('--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu',
                '--no-first-run', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', '--window-size=1400,1000'):
        options.add_argument(arg)
    options.binary_location = '/usr/bin/chromium'
    driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
    driver.set_page_load_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep a screenshot of the browser when a browser test fails."""
    outcome = yield
    report = outcome.get_result()
    driver = item.funcargs.get('browser') if hasattr(item, 'funcargs') else None
    if report.when == 'call' and report.failed and driver is not None:
        folder = os.path.join(settings.STATE, 'screenshots')
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, item.name + '.png')
        driver.save_screenshot(path)
        report.sections.append(('screenshot', path))
