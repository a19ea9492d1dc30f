# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Idempotent scans: a scan sent with a ``scan_id`` and sent again (its
answer lost on the way to the handheld) gets the first answer and counts once,
on any HTTP worker (``--workers 2``), over the route and over RPC; bad ids are
refused with nothing written; the memory is private to its user and written
by nobody over RPC; the cron forgets it after N days."""
import threading
import uuid

import pytest

from odoo.addons.lot_traceability.controllers.scan import scan_with_retry

import factories
from conftest import RpcError, registry_env, served_database
from harness import pg
from scan_data import GTIN_MILK, ScanData, gs1_code, second_waits_for_first

MILK_A = gs1_code(GTIN_MILK, lot='MILK-A')


@pytest.fixture(scope='module')
def server():
    def build(env):
        data = ScanData(env, tag='I')
        users = {}
        for login in ('idem_a', 'idem_b'):
            users[login] = factories.user(
                env, login, login, ['stock.group_stock_user', 'mrp.group_mrp_user'],
                password=login).id
        return {'delivery': data.delivery.id, 'receipt': data.receipt.id,
                'production': data.production.id, 'lot_b': data.lot_b.id,
                'line': data.lines(data.delivery, data.milk).id,
                'mo_line': data.lines(data.production, data.milk).id, 'users': users}

    with served_database('scan_idem', build, workers=2,
                         extra_args=['--max-cron-threads=0']) as server:
        yield server


def scan(server, http, barcode, model='stock.picking', res_id=None, **kw):
    return server.jsonrpc(http, '/lot_traceability/scan', model=model,
                          res_id=res_id or server.docs['delivery'], barcode=barcode, **kw)


def qty_done(server):
    with registry_env(server.db) as env:
        return env['stock.move.line'].browse(server.docs['line']).qty_done


def requests_of(server, login):
    with registry_env(server.db) as env:
        env.cr.execute("SELECT scan_id, res_model, res_id, answer FROM lot_scan_request "
                       "WHERE user_id = %s ORDER BY id", (server.docs['users'][login],))
        return env.cr.fetchall()


def new_id():
    return str(uuid.uuid4())


def test_same_scan_id_twice_counts_once(server):
    first_device, second_device = server.session('idem_a', 'idem_a'), \
        server.session('idem_a', 'idem_a')
    start = qty_done(server)
    scan_id = new_id()
    first = scan(server, first_device, MILK_A, scan_id=scan_id)
    assert first['code'] == 'matched' and first['line']['qty_done'] == start + 1, first
    # another session of the same user (another worker, another machine)
    again = scan(server, second_device, MILK_A, scan_id=scan_id)
    assert again == first
    assert qty_done(server) == start + 1
    # another scan moves on; the first id still answers its first answer
    other = scan(server, first_device, MILK_A, scan_id=new_id())
    assert other['line']['qty_done'] == start + 2
    assert scan(server, second_device, MILK_A, scan_id=scan_id) == first
    assert qty_done(server) == start + 2
    assert [row[0] for row in requests_of(server, 'idem_a')].count(scan_id) == 1


def test_different_scan_ids_and_no_scan_id_count_each(server):
    http = server.session('idem_a', 'idem_a')
    start = qty_done(server)
    scan(server, http, MILK_A, scan_id=new_id())
    scan(server, http, MILK_A, scan_id=new_id())
    scan(server, http, MILK_A)
    scan(server, http, MILK_A)
    assert qty_done(server) == start + 4


def test_same_scan_id_at_once_over_two_workers_counts_once(server):
    sessions = [server.session('idem_a', 'idem_a') for _index in range(6)]
    start = qty_done(server)
    scan_id = new_id()
    barrier = threading.Barrier(len(sessions))
    answers, errors = [], []

    def send(http):
        barrier.wait(30)
        try:
            answers.append(scan(server, http, MILK_A, scan_id=scan_id))
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=send, args=(http,)) for http in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    assert len(answers) == len(sessions)
    assert all(answer == answers[0] for answer in answers), answers
    assert answers[0]['code'] == 'matched' and answers[0]['line']['qty_done'] == start + 1
    assert qty_done(server) == start + 1


@pytest.mark.parametrize('path', ['route', 'rpc'])
def test_repeat_while_the_first_runs_waits_and_gets_its_answer(server, path):
    """The repeat arrives while the first request's transaction is still open:
    it waits for it, then answers what the first answered, through the route's
    function and through lot_scan alone (RPC's call_kw, which does not retry)."""
    start = qty_done(server)
    delivery = server.docs['delivery']
    scan_id = new_id()

    def scan(env):
        return env['stock.picking'].browse(delivery).lot_scan(MILK_A, scan_id=scan_id)

    def repeat(env):
        if path == 'route':
            return scan_with_retry(env, 'stock.picking', delivery, MILK_A, scan_id=scan_id)
        return scan(env)

    def check_first(first):
        assert first['line']['qty_done'] == start + 1

    first, second = second_waits_for_first(server.db, server.docs['users']['idem_a'], scan,
                                           repeat, check_first, what='repeated scan')
    assert second.get('answer') == first, second
    assert qty_done(server) == start + 1


def test_rpc_lot_scan_with_scan_id_is_the_same_scan(server):
    http = server.session('idem_a', 'idem_a')
    start = qty_done(server)
    scan_id = new_id()

    def rpc():
        return server.call(http, 'stock.picking', 'lot_scan', [server.docs['delivery']], MILK_A,
                           scan_id=scan_id)

    first = rpc()
    assert first['code'] == 'matched' and first['line']['qty_done'] == start + 1
    assert rpc() == first
    # the route with the same id, document and barcode: the same scan
    assert scan(server, http, MILK_A, scan_id=scan_id) == first
    assert qty_done(server) == start + 1


def test_scan_id_reused_on_another_scan_is_refused(server):
    http = server.session('idem_a', 'idem_a')
    scan_id = new_id()
    first = scan(server, http, MILK_A, scan_id=scan_id)
    assert first['code'] == 'matched'
    start = qty_done(server)
    with registry_env(server.db) as env:
        mo_start = env['stock.move.line'].browse(server.docs['mo_line']).qty_done
    before = requests_of(server, 'idem_a')
    for model, res_id, barcode, reason in (
            ('mrp.production', server.docs['production'], 'MILK-A', None),
            ('stock.picking', server.docs['delivery'], 'MILK-B', None),
            ('stock.picking', server.docs['delivery'], MILK_A, 'damaged label')):
        with pytest.raises(RpcError) as refused:
            scan(server, http, barcode, model=model, res_id=res_id, scan_id=scan_id,
                 reason=reason)
        assert 'was already sent with another scan' in str(refused.value)
        assert 'Traceback' not in str(refused.value).split('debug')[0]
    assert qty_done(server) == start
    with registry_env(server.db) as env:
        assert env['stock.move.line'].browse(server.docs['mo_line']).qty_done == mo_start
    assert requests_of(server, 'idem_a') == before


def test_refused_scan_repeated_gets_the_same_refusal(server):
    http = server.session('idem_a', 'idem_a')
    start = qty_done(server)
    with registry_env(server.db) as env:
        env['stock.production.lot'].browse(server.docs['lot_b']).action_quarantine('test')
    scan_id, barcode = new_id(), gs1_code(GTIN_MILK, lot='MILK-B')
    try:
        first = scan(server, http, barcode, scan_id=scan_id)
        assert (first['status'], first['code']) == ('error', 'quarantined'), first
    finally:
        with registry_env(server.db) as env:
            env['stock.production.lot'].browse(server.docs['lot_b']).action_release('test')
    # released: a new scan of that lot is another answer, the repeat is the first
    fresh = scan(server, http, barcode, scan_id=new_id())
    assert fresh['code'] == 'lot_not_planned', fresh
    assert scan(server, http, barcode, scan_id=scan_id) == first
    assert qty_done(server) == start


@pytest.mark.parametrize('bad', ['', 'with space', 'x' * 65, 'é-id', '<b>1</b>', 42,
                                 ['list']])
def test_malformed_scan_id_refused_and_nothing_written(server, bad):
    http = server.session('idem_a', 'idem_a')
    start = qty_done(server)
    before = requests_of(server, 'idem_a')
    with pytest.raises(RpcError) as refused:
        scan(server, http, MILK_A, scan_id=bad)
    assert 'is not valid: send 1 to 64 letters' in str(refused.value)
    assert qty_done(server) == start
    assert requests_of(server, 'idem_a') == before


def test_other_user_cannot_replay_read_or_write_the_memory(server):
    owner = server.session('idem_a', 'idem_a')
    other = server.session('idem_b', 'idem_b')
    scan_id = new_id()
    refusal = scan(server, owner, gs1_code(GTIN_MILK, lot='MILK-B'), scan_id=scan_id)
    assert refusal['code'] == 'lot_not_planned'
    start = qty_done(server)
    # the same id from another user is that user's own scan, not the owner's answer
    answer = scan(server, other, MILK_A, scan_id=scan_id)
    assert answer['code'] == 'matched' and answer != refusal
    assert qty_done(server) == start + 1
    owner_rows = requests_of(server, 'idem_a')
    with registry_env(server.db) as env:
        env.cr.execute('SELECT id FROM lot_scan_request WHERE user_id = %s AND scan_id = %s',
                       (server.docs['users']['idem_a'], scan_id))
        owner_row = env.cr.fetchone()[0]

    rows = server.call(other, 'lot.scan.request', 'search_read', [],
                       fields=['scan_id', 'user_id', 'answer'])
    assert rows and {row['user_id'][0] for row in rows} == {server.docs['users']['idem_b']}
    with pytest.raises(RpcError) as refused:
        server.call(other, 'lot.scan.request', 'read', [owner_row], ['answer'])
    assert 'AccessError' in str(refused.value)
    # nobody writes the memory over RPC, not even its owner
    for http in (other, owner):
        for method, args in (
                ('create', [{'scan_id': 'forged', 'res_model': 'stock.picking',
                             'res_id': server.docs['delivery'],
                             'user_id': server.docs['users']['idem_a'],
                             'answer': '{"status": "ok"}'}]),
                ('write', [[owner_row], {'answer': '{"status": "ok"}'}]),
                ('unlink', [[owner_row]])):
            with pytest.raises(RpcError) as refused:
                server.call(http, 'lot.scan.request', method, *args)
            assert 'AccessError' in str(refused.value), (method, refused.value)
    assert requests_of(server, 'idem_a') == owner_rows
    # the owner still gets the first answer
    assert scan(server, owner, gs1_code(GTIN_MILK, lot='MILK-B'), scan_id=scan_id) == refusal
    assert qty_done(server) == start + 1


def test_cron_forgets_requests_after_the_configured_days(server):
    with registry_env(server.db) as env:
        cron = env.ref('lot_traceability.ir_cron_lot_scan_request_gc')
        assert cron.active and cron.model_id.model == 'lot.scan.request'
        uid = server.docs['users']['idem_a']
        for scan_id, age in (('gc-old', 8), ('gc-recent', 6), ('gc-new', 0)):
            env.cr.execute(
                "INSERT INTO lot_scan_request (scan_id, user_id, res_model, res_id, answer, "
                "create_date) VALUES (%s, %s, 'stock.picking', 1, '{}', "
                "now() at time zone 'UTC' - %s * interval '1 day')", (scan_id, uid, age))
    with registry_env(server.db) as env:
        env.ref('lot_traceability.ir_cron_lot_scan_request_gc').method_direct_trigger()
    left = {row[0] for row in requests_of(server, 'idem_a')}
    assert 'gc-old' not in left and {'gc-recent', 'gc-new'} <= left
    with registry_env(server.db) as env:
        env['ir.config_parameter'].set_param('lot_traceability.scan_request_days', '3')
        env.ref('lot_traceability.ir_cron_lot_scan_request_gc').method_direct_trigger()
    left = {row[0] for row in requests_of(server, 'idem_a')}
    assert 'gc-recent' not in left and 'gc-new' in left


def test_scan_that_loses_every_try_is_answered_send_again(server):
    """Another transaction writes the scanned line again and again: every try
    of the scan (its own, then Odoo's retries of the request) meets a
    concurrent update. The handheld gets 503 with data.retry, nothing of the
    scan kept, not an error; sent again once the line is free, it counts once."""
    http = server.session('idem_a', 'idem_a')
    start = qty_done(server)
    stop = threading.Event()
    writes = []

    def other_writer():
        conn = pg.connect(server.db)
        try:
            with conn.cursor() as cr:
                while not stop.is_set():
                    cr.execute('UPDATE stock_move_line SET write_date = write_date '
                               'WHERE id = %s', (server.docs['line'],))
                    writes.append(1)
        finally:
            conn.close()

    writer = threading.Thread(target=other_writer)
    writer.start()
    scan_id = new_id()
    payload = {'jsonrpc': '2.0', 'method': 'call', 'id': 7, 'params': {
        'model': 'stock.picking', 'res_id': server.docs['delivery'], 'barcode': MILK_A,
        'scan_id': scan_id}}
    try:
        answer = http.post(server.url + '/lot_traceability/scan', json=payload, timeout=120)
    finally:
        stop.set()
        writer.join()
    assert writes, 'the other transaction never wrote: the test proves nothing'
    assert answer.status_code == 503, (answer.status_code, answer.text[:500])
    assert answer.headers['Content-Type'].startswith('application/json')
    error = answer.json()['error']
    assert answer.json()['id'] == 7 and error['data']['retry'] is True, error
    assert 'Send the same scan again' in error['message'], error
    assert 'serialize' not in answer.text and 'Traceback' not in answer.text
    assert qty_done(server) == start
    assert scan_id not in [row[0] for row in requests_of(server, 'idem_a')]
    # sent again, the line free: counted once
    again = http.post(server.url + '/lot_traceability/scan', json=payload, timeout=120).json()
    assert again['result']['code'] == 'matched', again
    assert again['result']['line']['qty_done'] == start + 1
    assert qty_done(server) == start + 1
