# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Faults on the two-node cluster (``harness/cluster.py``: nginx in front of
two ``--workers 2`` Odoo nodes on one database, real processes, loopback
only): scanners send every scan with a ``scan_id`` and repeat a scan that got
no usable answer with the same id. Under normal load the retried conflicts
leave no ERROR in the logs; with a node SIGKILLed, then with PostgreSQL
restarted, every scan is answered, the accepted scans equal the increase of
the done quantity (nothing lost, nothing doubled) and nobody is logged out.
A worker SIGKILLed in the middle of a receipt validation or of a recall's
*Trace affected lots* leaves nothing half-written, and the action retried
through the proxy succeeds."""
import os
import re
import threading
import time
from contextlib import contextmanager

import pytest

import factories
from conftest import cloned_database, free_port, registry_env
from harness import pg, settings
from harness.cluster import TEMPLATE, Cluster, Scanner
from scan_data import GTIN_MILK, ScanData, gs1_code

SCANNERS = 6
RECEIPT_LINES = 150
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
                    'line': data.lines(data.delivery, data.milk).id, 'users': users,
                    'receipt': big_receipt(env)}
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


def big_receipt(env):
    """A receipt of RECEIPT_LINES lot-tracked products, quantities done, no
    lots: validating it creates the lots, their moves and the FSMA records
    (a few seconds: long enough to kill the worker in the middle)."""
    products = [factories.product(env, 'Cluster receipt %03d' % index)
                for index in range(RECEIPT_LINES)]
    receipt = factories.picking(env, env.ref('stock.picking_type_in'),
                                env.ref('stock.stock_location_suppliers'),
                                env.ref('stock.stock_location_stock'),
                                [(product, 2) for product in products])
    receipt.action_assign()
    for line in receipt.move_line_ids:
        line.qty_done = line.product_uom_qty
    return receipt.id


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
        # the scans cut off by the kill were answered when repeated, and the
        # surviving node served within seconds of the kill
        cut_off = [o for o in outcomes if set(o.statuses) - {200}]
        assert cut_off, 'no scan was cut off by the kill: the test proves nothing'
        served = [o.started + o.seconds for o in outcomes
                  if o.started + o.seconds > killed['at']]
        assert served and min(served) - killed['at'] < 5, (min(served) - killed['at'])
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


def receipt_state(cluster):
    with pg.connect(cluster.db) as conn, conn.cursor() as cr:
        cr.execute('SELECT state FROM stock_picking WHERE id = %s', (cluster.docs['receipt'],))
        state = cr.fetchone()[0]
        cr.execute("SELECT count(*), count(l.lot_id) FROM stock_move_line l "
                   "WHERE l.picking_id = %s", (cluster.docs['receipt'],))
        lines, with_lot = cr.fetchone()
        cr.execute("SELECT count(*) FROM stock_production_lot lot JOIN product_product p "
                   "ON p.id = lot.product_id JOIN product_template t ON t.id = p.product_tmpl_id "
                   "WHERE t.name LIKE 'Cluster receipt %%'")
        lots = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM stock_production_lot lot WHERE lot.id IN ("
                   "SELECT lot.id FROM stock_production_lot lot JOIN product_product p "
                   "ON p.id = lot.product_id JOIN product_template t ON t.id = p.product_tmpl_id "
                   "WHERE t.name LIKE 'Cluster receipt %%') AND NOT EXISTS ("
                   "SELECT 1 FROM stock_move_line l WHERE l.lot_id = lot.id)")
        lots_without_moves = cr.fetchone()[0]
    return state, lines, with_lot, lots, lots_without_moves


@contextmanager
def table_locked(cluster, table):
    """TABLE locked against writes: a request that has written elsewhere
    waits there, in the middle of its transaction, until the block ends."""
    conn = pg.connect(cluster.db)
    conn.autocommit = False
    try:
        with conn.cursor() as cr:
            cr.execute('LOCK TABLE %s IN EXCLUSIVE MODE' % table)
            yield
    finally:
        conn.rollback()
        conn.close()


def writing_worker(cluster, seconds=60):
    """The pid of the node process whose database transaction has written
    (pg_stat_activity.backend_xid set) and now waits for a lock (table_locked),
    found through its client port."""
    import psutil
    deadline = time.time() + seconds
    while time.time() < deadline:
        with pg.connect(cluster.db) as conn, conn.cursor() as cr:
            cr.execute("SELECT client_port FROM pg_stat_activity WHERE datname = %s "
                       "AND backend_xid IS NOT NULL AND wait_event_type = 'Lock' "
                       "AND pid <> pg_backend_pid()", (cluster.db,))
            ports = {row[0] for row in cr.fetchall()}
        for node in cluster.nodes:
            for child in psutil.Process(node.proc.pid).children(recursive=True):
                try:
                    if any(c.laddr.port in ports for c in child.net_connections(kind='tcp')):
                        return child.pid
                except psutil.NoSuchProcess:
                    continue
        time.sleep(0.02)
    return None


def test_worker_killed_during_receipt_validation_all_or_nothing(cluster):
    import signal
    admin = Scanner(cluster.url, cluster.db, 'admin', 'admin')
    before = receipt_state(cluster)
    assert before[0] == 'assigned' and before[1] == RECEIPT_LINES and before[2] == 0, before
    assert before[3] == 0, before
    result = {}

    def validate():
        try:
            answer = admin.http.post(cluster.url + '/web/dataset/call_button', timeout=300, json={
                'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': {
                    'model': 'stock.picking', 'method': 'button_validate',
                    'args': [[cluster.docs['receipt']]]}})
            result['status'] = answer.status_code
            result['body'] = answer.text[:500]
        except Exception as error:   # the worker died: the connection may drop
            result['error'] = repr(error)

    thread = threading.Thread(target=validate)
    with table_locked(cluster, 'stock_quant'):   # written after the lots are created
        thread.start()
        victim = writing_worker(cluster)
        assert victim, ('no worker waits in the middle of the validation', result)
        os.kill(victim, signal.SIGKILL)
    thread.join(120)
    assert result.get('status') != 200, result   # 502 from nginx: the POST is not resent
    # nothing of the validation was kept: no lot, no lot on a line, not done
    assert receipt_state(cluster) == before
    # the nodes replace the worker; the same action again succeeds completely
    result.clear()
    thread = threading.Thread(target=validate)
    thread.start()
    thread.join(300)
    assert result.get('status') == 200 and '"error"' not in result['body'], result
    state, lines, with_lot, lots, lots_without_moves = receipt_state(cluster)
    assert (state, lines, with_lot, lots, lots_without_moves) == (
        'done', RECEIPT_LINES, RECEIPT_LINES, RECEIPT_LINES, 0)


def recall_state(cluster, recall_id):
    with pg.connect(cluster.db) as conn, conn.cursor() as cr:
        cr.execute('SELECT state, date_computed IS NOT NULL, snapshot IS NOT NULL '
                   'FROM lot_recall WHERE id = %s', (recall_id,))
        state = cr.fetchone()
        cr.execute('SELECT count(*) FROM lot_recall_line WHERE recall_id = %s', (recall_id,))
        lines = cr.fetchone()[0]
        cr.execute('SELECT count(*) FROM lot_recall_customer WHERE recall_id = %s',
                   (recall_id,))
        customers = cr.fetchone()[0]
    return state + (lines, customers)


def test_worker_killed_during_recall_trace_all_or_nothing(cluster):
    """Trace affected lots of a recall on the received lots (the test above)."""
    import signal
    admin = Scanner(cluster.url, cluster.db, 'admin', 'admin')
    with pg.connect(cluster.db) as conn, conn.cursor() as cr:
        cr.execute("SELECT lot.id FROM stock_production_lot lot JOIN product_product p "
                   "ON p.id = lot.product_id JOIN product_template t ON t.id = p.product_tmpl_id "
                   "WHERE t.name LIKE 'Cluster receipt %%'")
        lot_ids = [row[0] for row in cr.fetchall()]
    assert len(lot_ids) == RECEIPT_LINES

    def call(method, args, result):
        try:
            answer = admin.http.post(cluster.url + '/web/dataset/call_kw', timeout=300, json={
                'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': {
                    'model': 'lot.recall', 'method': method, 'args': args, 'kwargs': {}}})
            result['status'] = answer.status_code
            result['body'] = answer.json() if answer.status_code == 200 else answer.text[:300]
        except Exception as error:   # the worker died: the connection may drop
            result['error'] = repr(error)
        return result

    created = call('create', [{'reason': 'Cluster fault', 'lot_ids': [(6, 0, lot_ids)]}], {})
    recall_id = created['body']['result']
    before = recall_state(cluster, recall_id)
    assert before == ('draft', False, False, 0, 0), before
    result = {}
    thread = threading.Thread(target=call, args=('action_compute', [[recall_id]], result))
    # the trace opens the recall and writes its lines before its customers
    with table_locked(cluster, 'lot_recall_customer'):
        thread.start()
        victim = writing_worker(cluster)
        assert victim, ('no worker waits in the middle of the trace', result)
        os.kill(victim, signal.SIGKILL)
    thread.join(120)
    assert result.get('status') != 200, result
    assert recall_state(cluster, recall_id) == before   # no half-written result
    again = call('action_compute', [[recall_id]], {})
    assert again.get('status') == 200 and 'error' not in again['body'], again
    state, computed, snapshot, lines, _customers = recall_state(cluster, recall_id)
    assert (state, computed, snapshot) == ('open', True, True) and lines >= RECEIPT_LINES
