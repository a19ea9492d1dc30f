# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's multi-process mode (``--workers 2``, as in production) on Python 3.11:
HTTP workers, the longpolling process and a cron worker stay up and serve;
a worker recycled after ``limit_request`` is replaced and the new one serves."""
import re
import threading
import time

import pytest
import requests

from conftest import registry_env, served_database
from scan_data import GTIN_MILK, ScanData, gs1_code

LIMIT_REQUEST = 8
CHANNEL = 'lot_traceability_workers_probe'


@pytest.fixture(scope='module')
def server():
    def build(env):
        data = ScanData(env, tag='W')
        return {'delivery': data.delivery.id, 'line': data.lines(data.delivery, data.milk).id}

    with served_database('workers', build, workers=2, log_level='info',
                         extra_args=['--max-cron-threads=1',
                                     '--limit-request=%d' % LIMIT_REQUEST]) as server:
        yield server


def alive(log, kind):
    return re.findall(r'Worker %s \((\d+)\) alive' % kind, log)


def wait_for(predicate, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_http_cron_and_longpolling_processes_start(server):
    assert wait_for(lambda: len(set(alive(server.read_log(True), 'WorkerHTTP'))) >= 2
                    and alive(server.read_log(True), 'WorkerCron')), server.read_log()
    assert 'Evented Service (longpolling) running on' in server.read_log(True)
    import psutil
    children = psutil.Process(server.proc.pid).children()
    assert len(children) >= 4, children   # 2 HTTP + 1 cron + longpolling


def qty_done(server, http):
    rows = server.call(http, 'stock.move.line', 'read', [server.docs['line']], ['qty_done'])
    return rows[0]['qty_done']


def test_login_and_json_scan(server):
    http = server.session('admin', 'admin')
    start = qty_done(server, http)
    answer = server.jsonrpc(http, '/lot_traceability/scan', model='stock.picking',
                            res_id=server.docs['delivery'],
                            barcode=gs1_code(GTIN_MILK, lot='MILK-A'))
    assert answer['code'] == 'matched', answer
    assert qty_done(server, http) == start + 1


def test_longpolling_poll_answers_a_notification(server):
    http = server.session('admin', 'admin')
    result = {}

    def poll():
        answer = http.post(server.longpolling_url + '/longpolling/poll', timeout=90, json={
            'jsonrpc': '2.0', 'method': 'call', 'id': 1,
            'params': {'channels': [CHANNEL], 'last': 0, 'options': {}}})
        result['status'] = answer.status_code
        result['body'] = answer.json()

    thread = threading.Thread(target=poll)
    started = time.time()
    thread.start()
    time.sleep(2)   # the poll is now waiting in the longpolling process
    with registry_env(server.db) as env:
        env['bus.bus'].sendone(CHANNEL, {'probe': 'workers'})
    thread.join(90)
    assert result.get('status') == 200, (result, server.read_log())
    assert 'error' not in result['body'], result['body']
    messages = [n['message'] for n in result['body']['result']]
    assert {'probe': 'workers'} in messages
    assert time.time() - started < 45   # woken by the notification, not by the 50 s timeout


def test_worker_recycled_after_limit_request_still_serves(server):
    log = server.read_log(True)
    before = set(alive(log, 'WorkerHTTP'))
    for _index in range(3 * LIMIT_REQUEST):
        answer = requests.get(server.url + '/web/login', timeout=60)
        assert answer.status_code == 200
    assert wait_for(lambda: 'max request (%d) reached' % LIMIT_REQUEST in server.read_log(True)
                    and set(alive(server.read_log(True), 'WorkerHTTP')) - before)
    # the replacement workers serve a logged-in scan too
    test_login_and_json_scan(server)


def test_no_worker_crashed(server):
    log = server.read_log(True)
    for marker in ('Traceback', ' CRITICAL ', ' ERROR ', 'TypeError', 'dead, killing',
                   'timeout after'):
        assert marker not in log, log[log.index(marker) - 2000:log.index(marker) + 2000]
