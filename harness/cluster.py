# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``make cluster``: two Odoo nodes on one database behind nginx.

Starts the project's PostgreSQL, creates the demo database once, then two
Odoo application nodes (``--workers``: 2 HTTP workers each by default,
``python -m harness.cluster --workers N`` for N; their own longpolling
process; the first also runs the cron worker) sharing ``data_dir``
(sessions, filestore) and ``proxy_mode = True``, and nginx with the
configuration generated from ``harness/nginx.conf.in`` into
``.state/cluster/`` (pid, logs and temporary files there, listening on
127.0.0.1 only): ``/`` balanced over both nodes (to the node with fewer
requests in progress), ``/longpolling`` over both longpolling ports.
Serves http://127.0.0.1:$LOT_HTTP_PORT (8069); the nodes listen on HTTP
port + 10 / + 20 (longpolling + 11 / + 21).  Ctrl-C stops all.

Two nodes of 2 workers use a 2-core machine like one node of 4 workers
(``bench/bench_cluster.py`` compares the two); on machines of their own,
give each node about 2 workers per core.

The tests and ``bench/bench_cluster.py`` use :class:`Cluster` directly.
"""
import os
import shutil
import signal
import subprocess
import sys
import time

from . import settings
from .server import OdooServer, answers

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'nginx.conf.in')


def nginx_binary():
    path = shutil.which('nginx') or ('/usr/sbin/nginx' if os.path.exists('/usr/sbin/nginx')
                                     else None)
    if path is None:
        raise SystemExit('nginx is missing: run "make setup" (Debian package "nginx").')
    return path


def render_nginx_conf(state, port, nodes):
    """The nginx configuration: TEMPLATE with its @...@ values filled in."""
    with open(TEMPLATE) as template:
        text = template.read()
    values = {'STATE': state, 'PORT': port,
              'NODE1_HTTP': nodes[0].port, 'NODE1_POLL': nodes[0].longpolling_port,
              'NODE2_HTTP': nodes[1].port, 'NODE2_POLL': nodes[1].longpolling_port}
    for key, value in values.items():
        text = text.replace('@%s@' % key, str(value))
    return text


def cluster_node(name, dbname, http_port, poll_port, state, workers=2, cron=False, extra_args=(),
                 log_level='info'):
    """One Odoo application node: a multi-process server in its own process group."""
    return OdooServer(dbname, http_port, workers=workers, longpolling_port=poll_port,
                      extra_args=extra_args, log_level=log_level, name=name, folder=state,
                      cron_threads=1 if cron else 0, proxy_mode=True, process_group=True,
                      log_mode='a')


class Cluster(object):
    """nginx on PORT in front of two nodes; everything under STATE."""

    def __init__(self, dbname, port, node_ports, state, workers=2, extra_args=(),
                 log_level='info'):
        self.db = dbname
        self.port = port
        self.url = 'http://127.0.0.1:%d' % port
        self.state = state
        os.makedirs(os.path.join(state, 'tmp'), exist_ok=True)
        self.nodes = [cluster_node('node%d' % (index + 1), dbname, http, poll, state,
                                   workers=workers, cron=index == 0, extra_args=extra_args,
                                   log_level=log_level)
                      for index, (http, poll) in enumerate(node_ports)]
        self.nginx_conf = os.path.join(state, 'nginx.conf')
        self.nginx = None

    def nginx_config(self):
        return render_nginx_conf(self.state, self.port, self.nodes)

    def start(self):
        try:
            for node in self.nodes:
                node.launch()
            for node in self.nodes:
                node.wait_ready()
            self.start_nginx()
        except BaseException:
            self.stop()
            raise
        return self

    def start_nginx(self):
        with open(self.nginx_conf, 'w') as conf:
            conf.write(self.nginx_config())
        log = open(os.path.join(self.state, 'nginx.out'), 'a')
        # -p: no default prefix under /var; -e: no error log under /var/log
        self.nginx = subprocess.Popen(
            [nginx_binary(), '-p', self.state, '-e', os.path.join(self.state, 'error.log'),
             '-c', self.nginx_conf, '-g', 'daemon off;'],
            stdout=log, stderr=subprocess.STDOUT, process_group=0)
        log.close()
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.nginx.poll() is not None:
                with open(os.path.join(self.state, 'nginx.out')) as out:
                    raise RuntimeError('nginx exited:\n' + out.read()[-3000:])
            if answers(self.url + '/web/login'):
                return
            time.sleep(0.2)
        raise RuntimeError('nginx did not answer on %s' % self.url)

    def stop(self):
        if self.nginx and self.nginx.poll() is None:
            self.nginx.terminate()   # fast shutdown
            try:
                self.nginx.wait(10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait(10)
        for node in self.nodes:
            node.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


RETRYABLE_STATUS = (502, 503, 504)


class ScanOutcome(object):
    __slots__ = ('scan_id', 'answer', 'tries', 'started', 'seconds', 'statuses', 'error')

    def __init__(self, scan_id):
        self.scan_id = scan_id
        self.started = time.time()
        self.answer = None
        self.tries = 0
        self.seconds = 0.0
        self.statuses = []
        self.error = None


class Scanner(object):
    """A handheld: logs in once, sends each scan with a new scan_id and repeats
    a scan that got no usable answer (connection lost, 502/504 of the proxy,
    503 with a JSON-RPC error whose data.retry is true) with the same scan_id
    until GIVE_UP seconds."""

    def __init__(self, url, db, login, password, give_up=60.0, pause=0.2):
        import requests
        self.url = url
        self.db = db
        self.http = requests.Session()
        self.give_up = give_up
        self.pause = pause
        self.login(login, password)

    def login(self, login, password):
        page = self.http.get(self.url + '/web/login', timeout=60)
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        answer = self.http.post(self.url + '/web/login', timeout=60, data={
            'login': login, 'password': password, 'csrf_token': token, 'db': self.db})
        answer.raise_for_status()
        if not self.uid():
            raise RuntimeError('login of %s refused' % login)

    def uid(self):
        answer = self.http.post(self.url + '/web/session/get_session_info', timeout=60, json={
            'jsonrpc': '2.0', 'method': 'call', 'params': {}, 'id': 1})
        return (answer.json().get('result') or {}).get('uid')

    def scan(self, model, res_id, barcode, scan_id=None):
        import uuid

        import requests
        outcome = ScanOutcome(scan_id or uuid.uuid4().hex)
        start = outcome.started
        payload = {'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': {
            'model': model, 'res_id': res_id, 'barcode': barcode, 'scan_id': outcome.scan_id}}
        while True:
            outcome.tries += 1
            try:
                answer = self.http.post(self.url + '/lot_traceability/scan', json=payload,
                                        timeout=30)
                outcome.statuses.append(answer.status_code)
                body = None
                if answer.headers.get('Content-Type', '').startswith('application/json'):
                    body = answer.json()
                if answer.status_code == 200 and body and 'result' in body:
                    outcome.answer = body['result']
                    break
                retry = answer.status_code in RETRYABLE_STATUS and (
                    body is None or ((body.get('error') or {}).get('data') or {}).get('retry'))
                if not retry:
                    outcome.error = (answer.status_code, body if body is not None
                                     else answer.text[:300])
                    break
            except requests.RequestException as error:
                outcome.statuses.append(type(error).__name__)
            if time.time() - start > self.give_up:
                outcome.error = 'no answer after %d tries' % outcome.tries
                break
            time.sleep(self.pause)
        outcome.seconds = time.time() - start
        return outcome


def main(argv=None):
    import argparse

    from . import db, pg
    parser = argparse.ArgumentParser(description='Two Odoo nodes behind nginx (make cluster).')
    parser.add_argument('--workers', type=int, default=2,
                        help='HTTP workers per node (default 2: two nodes of 2 workers use a '
                             '2-core machine like one node of 4)')
    args = parser.parse_args(argv)
    try:
        pg.start()
        db.ensure_current(settings.DEMO_DB, demo=True)
    except (db.DatabaseError, pg.ClusterError) as exc:
        raise SystemExit(str(exc))
    nginx_binary()
    base = settings.HTTP_PORT
    cluster = Cluster(settings.DEMO_DB, base, [(base + 10, base + 11), (base + 20, base + 21)],
                      os.path.join(settings.STATE, 'cluster'), workers=args.workers)
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
    signal.signal(signal.SIGINT, signal.default_int_handler)   # also when started in the background
    try:
        cluster.start()
        print('Serving %s at %s through nginx over two nodes (%s, %s; logs in %s); '
              'login admin / admin; Ctrl-C to stop.'
              % (settings.DEMO_DB, cluster.url, cluster.nodes[0].url, cluster.nodes[1].url,
                 cluster.state), flush=True)
        while all(node.proc.poll() is None for node in cluster.nodes) \
                and cluster.nginx.poll() is None:
            time.sleep(1)
        print('A process of the cluster stopped; stopping the rest.', flush=True)
    except KeyboardInterrupt:
        print('Stopping the cluster.', flush=True)
    finally:
        cluster.stop()


if __name__ == '__main__':
    main()
