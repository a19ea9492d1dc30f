# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""/lot_traceability/scan over real HTTP with a logged-in session: the same
answers as the form, access refused for users who may not write the document,
and no lost increment when two scanners hit the same line at once."""
import threading

import pytest

from conftest import RpcError, run_in_threads
from scan_data import GTIN_MILK, GTIN_STRANGER, gs1_code, server_docs  # noqa: F401


@pytest.fixture
def docs(server_docs):
    return server_docs


def scan(server, http, model, res_id, barcode, **kw):
    return server.jsonrpc(http, '/lot_traceability/scan', model=model, res_id=res_id,
                          barcode=barcode, **kw)


def qty_done(server, http, line_id):
    rows = server.call(http, 'stock.move.line', 'read', [line_id], ['qty_done', 'lot_id'])
    return rows[0]['qty_done']


def test_outcomes_over_http(odoo_server, docs):
    http = odoo_server.session()
    start = qty_done(odoo_server, http, docs['delivery_line'])
    start_mo = qty_done(odoo_server, http, docs['production_line'])
    answer = scan(odoo_server, http, 'stock.picking', docs['delivery'],
                  gs1_code(GTIN_MILK, lot='MILK-A', count=2))
    assert answer['code'] == 'matched', answer
    assert answer['line']['id'] == docs['delivery_line']
    assert answer['line']['lot'] == 'MILK-A' and answer['line']['qty_todo'] == 5
    assert qty_done(odoo_server, http, docs['delivery_line']) == start + 2

    expected = [
        ('stock.picking', docs['delivery'], gs1_code(GTIN_STRANGER), 'error', 'wrong_product'),
        ('stock.picking', docs['delivery'], 'MILK-OLD', 'error', 'expired'),
        ('stock.picking', docs['delivery'], gs1_code(GTIN_MILK, lot='NEW-1'), 'error', 'unknown'),
        ('stock.picking', docs['delivery'], ']d2010950600013435X', 'error', 'malformed'),
        ('mrp.production', docs['production'], gs1_code(GTIN_STRANGER), 'error', 'wrong_product'),
        ('mrp.production', docs['production'], 'MILK-OLD', 'error', 'expired'),
    ]
    for model, res_id, barcode, status, code in expected:
        answer = scan(odoo_server, http, model, res_id, barcode)
        assert (answer['status'], answer['code']) == (status, code), (barcode, answer)
        assert answer['message']
    answer = scan(odoo_server, http, 'mrp.production', docs['production'], 'MILK-B')
    assert answer['code'] == 'lot_not_planned' and 'reason' in answer['message']
    assert qty_done(odoo_server, http, docs['delivery_line']) == start + 2
    assert qty_done(odoo_server, http, docs['production_line']) == start_mo

    answer = scan(odoo_server, http, 'mrp.production', docs['production'], 'MILK-A')
    assert answer['code'] == 'matched'
    assert qty_done(odoo_server, http, docs['production_line']) == start_mo + 1

    answer = scan(odoo_server, http, 'stock.picking', docs['receipt'],
                  gs1_code(GTIN_MILK, lot='HTTP-NEW', count=3))
    assert (answer['status'], answer['code']) == ('ok', 'matched') and answer['line']['lot'] \
        == 'HTTP-NEW'


def test_digital_links_and_symbology_identifiers_over_http(odoo_server, docs):
    """A Digital Link QR (any host), ]C0 / ]E0 scanner prefixes and a pallet
    label with weights: the same answers as the GS1-128 with the same data."""
    http = odoo_server.session()
    start = qty_done(odoo_server, http, docs['delivery_line'])
    for barcode in ('https://id.gs1.org/01/%s/10/MILK-A' % GTIN_MILK,
                    ']Q1https://brand.example.com/01/%s/10/MILK-A?17=301231' % GTIN_MILK[1:],
                    ']C0MILK-A',
                    ']C100106141411234567897' '02' + GTIN_MILK + '371' + '\x1d3302001250'
                    '10MILK-A'):
        answer = scan(odoo_server, http, 'stock.picking', docs['delivery'], barcode)
        assert (answer['code'], answer['line']['lot']) == ('matched', 'MILK-A'), (barcode, answer)
    assert qty_done(odoo_server, http, docs['delivery_line']) == start + 4
    answer = scan(odoo_server, http, 'stock.picking', docs['delivery'], ']E0' + GTIN_MILK[1:])
    assert (answer['status'], answer['code']) == ('warning', 'unknown'), answer
    answer = scan(odoo_server, http, 'stock.picking', docs['receipt'],
                  'https://id.gs1.org/01/%s/10/HTTP-DL?17=301231' % GTIN_MILK)
    assert (answer['code'], answer['line']['lot']) == ('matched', 'HTTP-DL'), answer
    assert 'New lot HTTP-DL' in answer['message']
    answer = scan(odoo_server, http, 'stock.picking', docs['delivery'],
                  'https://id.gs1.org/01/%s/10/MILK-A?10=MILK-B' % GTIN_MILK)
    assert (answer['code'], 'twice' in answer['message']) == ('malformed', True), answer
    assert qty_done(odoo_server, http, docs['delivery_line']) == start + 4


def test_bad_requests_and_access(odoo_server, docs):
    http = odoo_server.session()
    before = qty_done(odoo_server, http, docs['delivery_line'])
    with pytest.raises(RpcError, match='transfers and manufacturing orders only'):
        scan(odoo_server, http, 'res.partner', 1, 'MILK-A')
    with pytest.raises(RpcError, match='does not exist'):
        scan(odoo_server, http, 'stock.picking', 99999999, 'MILK-A')
    reader = odoo_server.session('scan_reader', 'scan_reader')
    with pytest.raises(RpcError, match='AccessError|may not'):
        scan(odoo_server, reader, 'stock.picking', docs['delivery'], 'MILK-A')
    assert qty_done(odoo_server, http, docs['delivery_line']) == before
    with pytest.raises(RpcError):
        scan(odoo_server, __import__('requests').Session(), 'stock.picking', docs['delivery'],
             'MILK-A')


def test_parallel_scans_lose_no_increment(odoo_server, docs):
    sessions = [odoo_server.session(), odoo_server.session()]
    line = docs['production_line']
    start = qty_done(odoo_server, sessions[0], line)
    rounds = 6
    barrier = threading.Barrier(len(sessions))
    answers, errors = [], []

    def worker(http):
        try:
            for _round in range(rounds):
                barrier.wait(timeout=60)
                answers.append(scan(odoo_server, http, 'mrp.production', docs['production'],
                                    'MILK-A'))
        except Exception as error:  # reported below, with the thread's answers
            errors.append(error)

    run_in_threads(worker, sessions)
    assert not errors, errors
    assert len(answers) == rounds * len(sessions)
    assert all(answer['code'] == 'matched' for answer in answers), answers
    assert qty_done(odoo_server, sessions[0], line) == start + rounds * len(sessions)
