# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared fixtures: extra databases cloned from the template, a real Odoo
HTTP server in a child process, and a headless Chromium.

The session database (``--odoo-database``) is opened by pytest-odoo; tests
using ``odoo.tests.common`` cases run in its transactions and roll back.
Tests that need committed data, several cursors or an HTTP server get their
own clone of the template database (seconds to make)."""
import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import pytest
import requests

import odoo

from harness import db as harness_db, settings

REPO = settings.REPO


def template_db():
    name = os.environ.get('LOT_TEMPLATE_DB')
    if not name:
        pytest.fail('LOT_TEMPLATE_DB is not set: run the tests with "make test"')
    return name


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


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


class RpcError(RuntimeError):
    pass


class OdooServer(object):
    """A real server; WORKERS > 0 runs Odoo's multi-process (prefork) mode,
    its longpolling process listening on LONGPOLLING_PORT."""

    def __init__(self, dbname, port, workers=0, longpolling_port=None, extra_args=(),
                 log_level='warn'):
        self.db = dbname
        self.port = port
        self.url = 'http://127.0.0.1:%d' % port
        self.workers = workers
        self.longpolling_port = longpolling_port or free_port()
        self.longpolling_url = 'http://127.0.0.1:%d' % self.longpolling_port
        self.extra_args = list(extra_args)
        self.log_level = log_level
        self.proc = None
        self.log = None
        self.log_path = os.path.join(settings.STATE, 'test-server-%d.log' % port)

    def start(self, attempts=2):
        """Start the server; one retry covers a rare failed first registry load."""
        for attempt in range(1, attempts + 1):
            try:
                return self._start_once()
            except RuntimeError:
                self.stop()
                if attempt == attempts:
                    raise

    def _start_once(self):
        conf = settings.write_odoo_conf(
            os.path.join(settings.STATE, 'odoo-test-%d.conf' % self.port),
            http_port=self.port, longpolling_port=self.longpolling_port)
        cmd = [sys.executable, '-m', 'harness.odoo_bin', '-c', conf, '-d', self.db,
               '--db-filter=^%s$' % self.db, '--log-level=%s' % self.log_level]
        if self.workers:
            cmd += ['--workers=%d' % self.workers]
        else:
            cmd += ['--max-cron-threads=0']
        cmd += self.extra_args
        self.log = open(self.log_path, 'w')
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=settings.env(),
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 150
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError('Odoo server exited early:\n' + self.read_log())
            try:
                answered = requests.get(self.url + '/web/login', timeout=5).status_code == 200
            except requests.RequestException:  # not listening yet
                answered = False
            if answered:
                return self
            time.sleep(0.5)
        raise RuntimeError('Odoo server did not answer in time:\n' + self.read_log())

    def read_log(self, full=False):
        with open(self.log_path) as log:
            text = log.read()
        return text if full else text[-5000:]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                # a second SIGTERM makes the multi-process server kill its workers
                self.proc.terminate()
                try:
                    self.proc.wait(10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(20)
        if self.log and not self.log.closed:
            self.log.close()

    def session(self, login='admin', password='admin'):
        """A requests session logged in through the real login form."""
        http = requests.Session()
        page = http.get(self.url + '/web/login', timeout=30)
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        answer = http.post(self.url + '/web/login', timeout=60, data={
            'login': login, 'password': password, 'csrf_token': token, 'db': self.db})
        answer.raise_for_status()
        try:
            uid = self.jsonrpc(http, '/web/session/get_session_info').get('uid')
        except RpcError:
            uid = False
        if not uid:
            raise AssertionError('login of %s refused' % login)
        return http

    def jsonrpc(self, http, path, **params):
        answer = http.post(self.url + path, timeout=120, json={
            'jsonrpc': '2.0', 'method': 'call', 'params': params, 'id': 1})
        answer.raise_for_status()
        body = answer.json()
        if 'error' in body:
            raise RpcError('%s: %s' % (path, body['error'].get('data', body['error'])))
        return body['result']


@pytest.fixture(scope='session')
def odoo_server():
    """A real Odoo HTTP server on a free port, on its own committed database."""
    with cloned_database('http') as dbname:
        server = OdooServer(dbname, free_port()).start()
        try:
            yield server
        finally:
            server.stop()


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
