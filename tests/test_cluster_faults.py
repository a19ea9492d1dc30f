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
through the proxy succeeds. With a short ``limit_time_real``, a recall's
export or trace that waits too long stops itself with a clear message before
the server kills the worker; a worker killed anyway leaves no statement or
lock behind, and the next export succeeds at once."""
import html
import json
import os
import re
import threading
import time
from contextlib import contextmanager

import pytest

import factories
from conftest import cloned_database, free_port, registry_env
from harness import pg, settings
from harness.cluster import Cluster, Scanner
from harness.server import answers
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
                    'receipt': big_receipt(env), 'recall': traced_recall(env, data)}
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


def traced_recall(env, data):
    """An open recall of lot MILK-A, traced (its XLSX export can be made)."""
    return factories.traced_recall(env, data.lot_a, 'Cluster time limit').id


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
def table_locked(cluster, table, mode='EXCLUSIVE'):
    """TABLE locked against writes (MODE 'ACCESS EXCLUSIVE': against reads
    too): a request that has written elsewhere waits there, in the middle of
    its transaction, until the block ends."""
    conn = pg.connect(cluster.db)
    conn.autocommit = False
    try:
        with conn.cursor() as cr:
            cr.execute('LOCK TABLE %s IN %s MODE' % (table, mode))
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


LIMIT = 10   # limit_time_real (s) of the nodes in the test below (the project sets 1200)


def limit_nodes(cluster):
    """The nodes restarted (once) with limit_time_real = LIMIT s; the cron
    worker, which sleeps a minute between its rounds, without a limit."""
    if getattr(cluster, 'limited', False):
        return
    for node in cluster.nodes:
        node.proc.terminate()   # both stop at the same time
    for node in cluster.nodes:
        node.stop()
        node.extra_args = ['--limit-time-real=%d' % LIMIT, '--limit-time-real-cron=0']
        node.launch()
    for node in cluster.nodes:
        node.wait_ready()
    # nginx leaves a node it could not reach during the restart alone for
    # fail_timeout (5 s): wait until it hands requests to the nodes again
    deadline = time.time() + 30
    while not all(answers(cluster.url + '/web/login') for _attempt in range(4)):
        assert time.time() < deadline, 'nginx does not reach the restarted nodes'
        time.sleep(0.5)
    cluster.limited = True


def waiting_statements(cluster):
    """Statements of the cluster's database waiting for a lock: (pid, state,
    seconds since the statement and its transaction began, client port, query)."""
    with pg.connect(cluster.db) as conn, conn.cursor() as cr:
        cr.execute('SELECT a.pid, a.state, '
                   '  round(extract(epoch FROM now() - a.query_start)::numeric, 1), '
                   '  round(extract(epoch FROM now() - a.xact_start)::numeric, 1), '
                   '  a.client_port, a.query '
                   'FROM pg_locks l JOIN pg_stat_activity a '
                   'ON a.pid = l.pid WHERE NOT l.granted AND a.datname = %s', (cluster.db,))
        return cr.fetchall()


def wait_quiet(cluster, seconds=30):
    """Until no other session runs a statement in the cluster's database (a
    request still on its way, e.g. a form the previous test's page reloaded,
    would otherwise wait for the next table_locked and be counted as ours)."""
    deadline = time.time() + seconds
    quiet = 0
    while quiet < 3:
        with pg.connect(cluster.db) as conn, conn.cursor() as cr:
            cr.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                       "AND state = 'active' AND pid <> pg_backend_pid()", (cluster.db,))
            quiet = quiet + 1 if not cr.fetchone()[0] else 0
        assert time.time() < deadline, 'statements still running: %s' % waiting_statements(cluster)
        time.sleep(0.2)


def recall_exports(cluster, recall_id):
    """(date_first_export, XLSX messages, result lines, date_computed) of the recall."""
    with pg.connect(cluster.db) as conn, conn.cursor() as cr:
        cr.execute("SELECT r.date_first_export, r.date_computed, "
                   "(SELECT count(*) FROM mail_message m WHERE m.model = 'lot.recall' "
                   " AND m.res_id = r.id AND m.body LIKE '%%XLSX exported%%'), "
                   "(SELECT count(*) FROM lot_recall_line l WHERE l.recall_id = r.id) "
                   "FROM lot_recall r WHERE r.id = %s", (recall_id,))
        return cr.fetchone()


def recall_row_free(cluster, recall_id):
    """True when nobody holds a lock on the recall's row."""
    import psycopg2
    with pg.connect(cluster.db) as conn, conn.cursor() as cr:
        try:
            cr.execute('SELECT id FROM lot_recall WHERE id = %s FOR UPDATE NOWAIT', (recall_id,))
        except psycopg2.errors.LockNotAvailable:
            return False
        finally:
            conn.rollback()
    return True


def test_recall_export_time_limit_message_in_browser(cluster, browser):
    """The administrator's Export XLSX in Chromium (1400x900) waits for a
    table locked elsewhere: a warning says why, in words, no traceback."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    from test_browser import login
    from test_recall_http import click_visible_button
    from test_recall_workspace_browser import open_form, shot
    recall_id = cluster.docs['recall']
    before = recall_exports(cluster, recall_id)
    wait = WebDriverWait(browser, 120)
    browser.set_window_size(1400, 900)
    # the first page builds the web client's assets (kept): before the limit
    login(browser, cluster)
    limit_nodes(cluster)
    # a new page: the one loaded before the restart may have lost calls
    open_form(browser, cluster, 'lot.recall', recall_id, 'lot_traceability.lot_recall_action')
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_form_view .oe_title'), 'RC/'))
    with table_locked(cluster, 'lot_recall_line', 'ACCESS EXCLUSIVE'):
        click_visible_button(browser, 'Export XLSX')
        dialog = WebDriverWait(browser, LIMIT + 20).until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))
        wait.until(lambda driver: 'limit_time_real' in dialog.text)
        shot(browser, 'recall_export_time_limit.png')
        text = dialog.text
        title = dialog.find_element(By.CSS_SELECTOR, '.modal-title').text
    assert 'The XLSX export of recall RC/' in text and 'Nothing of it was kept' in text, text
    assert title.startswith('Request stopped'), title   # not Odoo's "Odoo Server Error"
    assert 'Traceback' not in text and not browser.find_elements(
        By.CSS_SELECTOR, '.o_error_detail'), text
    assert not browser.find_elements(By.CSS_SELECTOR, '.o_notification'), 'connection lost?'
    assert recall_exports(cluster, recall_id) == before
    # the page stops here: it sends nothing to the nodes during the next test
    browser.get('about:blank')


def test_recall_export_within_time_limit_nothing_left_locked(cluster):
    """With limit_time_real = LIMIT s (the nodes keep it until the cluster
    stops: these tests come last), an administrator exports and traces a
    recall through the proxy."""
    recall_id = cluster.docs['recall']
    limit_nodes(cluster)
    admin = Scanner(cluster.url, cluster.db, 'admin', 'admin')
    log_start = [len(node.read_log(True)) for node in cluster.nodes]

    def new_logs():
        return ''.join(node.read_log(True)[start:]
                       for node, start in zip(cluster.nodes, log_start))

    def call(method, timeout=60):
        started = time.time()
        answer = admin.http.post(cluster.url + '/web/dataset/call_button', timeout=timeout,
                                 json={'jsonrpc': '2.0', 'method': 'call', 'id': 1,
                                       'params': {'model': 'lot.recall', 'method': method,
                                                  'args': [[recall_id]]}})
        return answer, time.time() - started

    def download():
        started = time.time()
        answer = admin.http.get(cluster.url + '/lot_traceability/recall/%d/xlsx' % recall_id,
                                timeout=60)
        return answer, time.time() - started

    before = recall_exports(cluster, recall_id)
    assert before[0] is None and before[1] and before[2] == 0 and before[3] > 0, before
    wait_quiet(cluster)
    # 1. the export, its download and the trace wait for a table held by
    # another transaction: each stops itself before the server would kill
    # the worker and says why, in words; nothing is written
    with table_locked(cluster, 'lot_recall_line', 'ACCESS EXCLUSIVE'):
        for method in ('action_export_xlsx', 'action_compute'):
            answer, seconds = call(method)
            assert answer.status_code == 200 and seconds < LIMIT, (answer.text[:300], seconds)
            error = answer.json()['error']['data']
            assert error['exception_type'] == 'user_error', error
            assert 'limit_time_real, %d s' % LIMIT in error['message'], error['message']
            assert 'Nothing of it was kept' in error['message'], error['message']
        answer, seconds = download()
        assert answer.status_code == 503 and seconds < LIMIT, (answer.text[:300], seconds)
        assert 'attachment' not in answer.headers.get('Content-Disposition', '')
        # the body the web client's download shows as a message (escaped JSON)
        error = json.loads(html.unescape(answer.text))['data']
        assert error['exception_type'] == 'user_error'
        assert 'The XLSX export of recall' in error['message'], error['message']
        # the stopped statements are gone: nobody else waits for the table
        assert not waiting_statements(cluster), waiting_statements(cluster)
    assert recall_exports(cluster, recall_id) == before
    # logged as a warning, not as errors of a bad query
    assert 'stopped 5 s before limit_time_real' in new_logs()
    assert not error_lines(new_logs()), error_lines(new_logs())[:5]
    # 2. the export's own record waits (the chatter is locked) after the
    # workbook was made: the server kills the worker at limit_time_real;
    # the proxy answers 502 and does not resend the POST
    with table_locked(cluster, 'mail_message'):
        answer, seconds = call('action_export_xlsx', timeout=LIMIT + 30)
        assert answer.status_code == 502, (answer.status_code, answer.text[:300], seconds)
        assert re.search(r'WorkerHTTP \(\d+\) timeout after %ds' % LIMIT, new_logs())
        # while the table is still locked, the dead worker's statement is
        # ended by PostgreSQL and the recall's row (written before) is free
        deadline = time.time() + 10
        while (waiting_statements(cluster) or not recall_row_free(cluster, recall_id)) \
                and time.time() < deadline:
            time.sleep(0.2)
        assert not waiting_statements(cluster), waiting_statements(cluster)
        assert recall_row_free(cluster, recall_id)
    assert recall_exports(cluster, recall_id) == before
    # 3. the next export succeeds at once, recorded once, and its download
    # is the workbook
    answer, seconds = call('action_export_xlsx')
    assert answer.status_code == 200 and 'result' in answer.json(), answer.text[:300]
    assert answer.json()['result']['tag'] == 'lot_traceability.download'
    assert seconds < LIMIT - 5, seconds
    answer, seconds = download()
    assert answer.status_code == 200 and answer.content[:2] == b'PK', answer.text[:300]
    after = recall_exports(cluster, recall_id)
    assert after[0] is not None and after[1:] == (before[1], 1, before[3]), (before, after)
    assert not waiting_statements(cluster)
