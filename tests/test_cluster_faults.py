# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Faults on the two-node cluster (``harness/cluster.py``: nginx in front of
two ``--workers 2`` Odoo nodes on one database, real processes, loopback
only): scanners send every scan with a ``scan_id`` and repeat a scan that got
no usable answer with the same id. Under normal load the retried conflicts
leave no ERROR in the logs; with a node SIGKILLed, then with PostgreSQL
restarted, every scan is answered, the accepted scans equal the increase of
the done quantity (nothing lost, nothing doubled) and nobody is logged out."""
import os
import re
import threading
import time

import pytest

import factories
from conftest import cloned_database, free_port, registry_env
from harness import pg, settings
from harness.cluster import TEMPLATE, Cluster, Scanner
from scan_data import GTIN_MILK, ScanData, gs1_code

SCANNERS = 6
BARCODE = gs1_code(GTIN_MILK, lot='MILK-A')


@pytest.fixture(scope='module')
def cluster():
    with cloned_database('cluster') as dbname:
        with registry_env(dbname) as env:
            data = ScanData(env, tag='C')
            users = ['cluster_%d' % index for index in range(SCANNERS)]
            for login in users:
                factories.user(env, login, login, ['stock.group_stock_user'], password=login)
            docs = {'delivery': data.delivery.id,
                    'line': data.lines(data.delivery, data.milk).id, 'users': users}
        odoo_close(dbname)
        state = os.path.join(settings.STATE, 'cluster-test')
        cluster = Cluster(dbname, free_port(), [(free_port(), free_port()),
                                                (free_port(), free_port())], state)
        for node in cluster.nodes:
            if os.path.exists(node.log_path):
                os.remove(node.log_path)
        cluster.start()
        cluster.docs = docs
        try:
            yield cluster
        finally:
            cluster.stop()
            odoo_close(dbname)


def odoo_close(dbname):
    """Drop this process's pooled connections (PostgreSQL may restart)."""
    import odoo
    odoo.sql_db.close_db(dbname)


def qty_done(cluster):
    with pg.connect(cluster.db) as conn, conn.cursor() as cr:
        cr.execute('SELECT qty_done FROM stock_move_line WHERE id = %s',
                   (cluster.docs['line'],))
        return cr.fetchone()[0]


def scan_requests(cluster, scan_ids):
    with pg.connect(cluster.db) as conn, conn.cursor() as cr:
        cr.execute('SELECT scan_id FROM lot_scan_request WHERE scan_id = ANY(%s)',
                   (list(scan_ids),))
        return [row[0] for row in cr.fetchall()]


def run_scanners(cluster, seconds, fault=None, fault_after=3.0):
    """SCANNERS logged-in handhelds scan for SECONDS; FAULT() runs after
    FAULT_AFTER seconds in the main thread. Returns (scanners, outcomes)."""
    scanners = [Scanner(cluster.url, cluster.db, login, login, give_up=45)
                for login in cluster.docs['users']]
    outcomes = []
    lock = threading.Lock()
    stop = threading.Event()

    def work(scanner):
        while not stop.is_set():
            outcome = scanner.scan('stock.picking', cluster.docs['delivery'], BARCODE)
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=work, args=(scanner,)) for scanner in scanners]
    for thread in threads:
        thread.start()
    started = time.time()
    if fault:
        time.sleep(fault_after)
        fault()
    time.sleep(max(0, seconds - (time.time() - started)))
    stop.set()
    for thread in threads:
        thread.join(90)
    assert not any(thread.is_alive() for thread in threads), 'a scanner hangs'
    return scanners, outcomes


def check_nothing_lost(cluster, before, outcomes):
    unanswered = [(o.scan_id, o.error, o.statuses) for o in outcomes if o.answer is None]
    assert not unanswered, unanswered[:5]
    refused = [o.answer for o in outcomes if o.answer['code'] != 'matched']
    assert not refused, refused[:5]
    accepted = {o.scan_id for o in outcomes}
    assert len(accepted) == len(outcomes)
    assert qty_done(cluster) - before == len(accepted)
    assert sorted(scan_requests(cluster, accepted)) == sorted(accepted)


def error_lines(log):
    return [line for line in log.splitlines() if ' ERROR ' in line or ' CRITICAL ' in line]


def test_readme_shows_the_tested_nginx_config():
    with open(TEMPLATE) as template:
        lines = template.read().rstrip('\n').split('\n')
    with open(os.path.join(settings.REPO, 'README.rst')) as readme:
        text = readme.read()
    shown = '\n'.join(('    ' + line) if line.strip() else '' for line in lines)
    assert '::\n\n%s\n\n' % shown in text, 'README *Production* differs from ' + TEMPLATE


def test_retried_conflicts_are_not_logged_as_errors(cluster):
    before = qty_done(cluster)
    _scanners, outcomes = run_scanners(cluster, 8)
    check_nothing_lost(cluster, before, outcomes)
    logs = ''.join(node.read_log(True) for node in cluster.nodes)
    assert 'concurrent update' in logs, 'no conflict happened: the test proves nothing'
    assert not error_lines(logs), error_lines(logs)[:5]
    assert 'could not serialize' not in logs and 'bad query' not in logs


def test_node_killed_under_load_nothing_lost(cluster):
    before = qty_done(cluster)
    victim = cluster.nodes[1]
    killed = {}

    def kill():
        killed['at'] = time.time()
        victim.kill()

    try:
        _scanners, outcomes = run_scanners(cluster, 12, fault=kill)
        check_nothing_lost(cluster, before, outcomes)
        assert victim.proc.poll() is not None
        # answered by the surviving node within seconds of the kill
        late = [o for o in outcomes if o.seconds > 10]
        assert not late, [(o.seconds, o.statuses) for o in late[:5]]
    finally:
        victim.start()
        victim.wait_ready()


def test_postgresql_restart_nobody_logged_out(cluster):
    before = qty_done(cluster)
    seen = {}

    def restart():
        pg.stop()
        seen['down'] = time.time()
        time.sleep(2)
        pg.start()

    scanners, outcomes = run_scanners(cluster, 14, fault=restart)
    odoo_close(cluster.db)
    check_nothing_lost(cluster, before, outcomes)
    statuses = [status for o in outcomes for status in o.statuses]
    # the outage was seen and answered as retryable, never as an HTML page or a logout
    assert 503 in statuses, statuses[-50:]
    assert set(statuses) <= {200, 503, 502, 'ConnectionError', 'ReadTimeout'}, set(statuses)
    for scanner in scanners:
        assert scanner.uid(), 'a scanner was logged out'
    logs = ''.join(node.read_log(True) for node in cluster.nodes)
    assert 'Session expired' not in logs
    assert not re.search(r'logging session out', logs)
