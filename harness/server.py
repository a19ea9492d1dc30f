# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One Odoo server in a child process, as the tests, the cluster nodes
(``harness/cluster.py``) and the load benchmarks start and stop it, and the
web client's way of talking to it: login through the login form, JSON-RPC.

The threaded server (WORKERS = 0, no cron thread unless CRON_THREADS) or the
multi-process one (``--workers``, its longpolling process listening on
LONGPOLLING_PORT). Its configuration and log are NAME.conf and NAME.log in
FOLDER (``.state`` unless told)."""
import os
import signal
import socket
import subprocess
import sys
import time

import requests

from . import settings


class RpcError(RuntimeError):
    """A JSON-RPC answer carrying an error (its data in the message)."""


def answers(url):
    """Whether URL answers 200 (within 5 s)."""
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:  # not listening (yet)
        return False


class OdooServer(object):
    """An Odoo server on DBNAME listening on 127.0.0.1:PORT.

    CRON_THREADS None keeps the configuration's cron threads in the
    multi-process mode (none in the threaded one). PROXY_MODE: behind nginx.
    PROCESS_GROUP: in a process group of its own, which ``kill`` and ``stop``
    end as a whole (workers and longpolling included). LOG_MODE 'a' appends
    to the log of an earlier run."""

    def __init__(self, dbname, port, workers=0, longpolling_port=None, extra_args=(),
                 log_level='warn', name=None, folder=None, cron_threads=None,
                 proxy_mode=False, process_group=False, log_mode='w'):
        self.db = dbname
        self.port = port
        self.url = 'http://127.0.0.1:%d' % port
        self.workers = workers
        self.longpolling_port = longpolling_port or free_port()
        self.longpolling_url = 'http://127.0.0.1:%d' % self.longpolling_port
        self.extra_args = list(extra_args)
        self.log_level = log_level
        self.name = name or 'odoo-%d' % port
        folder = folder or settings.STATE
        self.conf_path = os.path.join(folder, self.name + '.conf')
        self.log_path = os.path.join(folder, self.name + '.log')
        self.cron_threads = cron_threads
        self.proxy_mode = proxy_mode
        self.process_group = process_group
        self.log_mode = log_mode
        self.proc = None

    def command(self):
        extra = {'proxy_mode': 'True'} if self.proxy_mode else {}
        settings.write_odoo_conf(self.conf_path, http_port=self.port,
                                 longpolling_port=self.longpolling_port, **extra)
        cmd = [sys.executable, '-m', 'harness.odoo_bin', '-c', self.conf_path, '-d', self.db,
               '--db-filter=^%s$' % self.db]
        if self.workers:
            cmd.append('--workers=%d' % self.workers)
        cron_threads = self.cron_threads
        if cron_threads is None and not self.workers:
            cron_threads = 0
        if cron_threads is not None:
            cmd.append('--max-cron-threads=%d' % cron_threads)
        return cmd + ['--log-level=%s' % self.log_level] + self.extra_args

    def launch(self):
        """Start the process, without waiting for it to answer."""
        # a process group of its own (kill() ends all of it) but the caller's
        # session: with the kernel's autogroup scheduling every session gets
        # an equal share of a busy machine's CPU, so a node in a session of
        # its own would get more of it than one node of as many workers
        group = {'process_group': 0} if self.process_group else {}
        with open(self.log_path, self.log_mode) as log:
            self.proc = subprocess.Popen(self.command(), cwd=settings.REPO, env=settings.env(),
                                         stdout=log, stderr=subprocess.STDOUT, **group)
        return self

    def wait_ready(self, seconds=150):
        """Wait until the login page answers; RuntimeError (with the log's end)
        when the process exits or SECONDS pass first."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError('%s exited early:\n%s' % (self.name, self.read_log()))
            if answers(self.url + '/web/login'):
                return self
            time.sleep(0.5)
        raise RuntimeError('%s did not answer in time:\n%s' % (self.name, self.read_log()))

    def start(self, attempts=2, seconds=150):
        """Launch and wait; a retry covers a rare failed first registry load."""
        for attempt in range(1, attempts + 1):
            try:
                return self.launch().wait_ready(seconds)
            except RuntimeError:
                self.stop()
                if attempt == attempts:
                    raise

    def read_log(self, full=False):
        with open(self.log_path) as log:
            text = log.read()
        return text if full else text[-5000:]

    def kill(self):
        """SIGKILL the server (its whole process group when it has one)."""
        if self.proc and self.proc.poll() is None:
            if self.process_group:
                self._kill_group()
            else:
                self.proc.kill()
            self.proc.wait(30)

    def stop(self):
        """SIGTERM; a second SIGTERM makes the multi-process server kill its
        workers at once; SIGKILL when that is not enough either. What is left
        of its process group (longpolling, workers) is killed."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.terminate()
                try:
                    self.proc.wait(10)
                except subprocess.TimeoutExpired:
                    self.kill()
        if self.proc and self.process_group:
            self._kill_group()
            self.proc.wait(30)

    def _kill_group(self):
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:   # nothing left of it
            return False
        return True

    def session(self, login='admin', password='admin'):
        """A requests session logged in through the real login form."""
        http = requests.Session()
        page = http.get(self.url + '/web/login', timeout=60)
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        answer = http.post(self.url + '/web/login', timeout=120, data={
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
        """The result of the JSON-RPC call of PATH with PARAMS in the session
        HTTP; RpcError when the answer is an error."""
        answer = http.post(self.url + path, timeout=120, json={
            'jsonrpc': '2.0', 'method': 'call', 'params': params, 'id': 1})
        answer.raise_for_status()
        body = answer.json()
        if 'error' in body:
            raise RpcError('%s: %s' % (path, body['error'].get('data', body['error'])))
        return body['result']

    def call(self, http, model, method, *args, **kwargs):
        """MODEL.METHOD(*ARGS, **KWARGS) as the web client calls it (call_kw)
        in the session HTTP, as its user."""
        return self.jsonrpc(http, '/web/dataset/call_kw/%s/%s' % (model, method),
                            model=model, method=method, args=list(args), kwargs=kwargs)


def free_port():
    """A TCP port nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]
