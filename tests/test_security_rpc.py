# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Security and data integrity as a plain stock user (not a manager) sees
it over the real JSON-RPC API of a running server: no context key grants a
right, lot changes are logged, the scan endpoint answers bad input with a
clear error, other companies' data stays out of sight."""
import json

import pytest

from odoo.addons.lot_traceability.tools import gs1

import factories
from conftest import RpcError, registry_env
from fefo_common import utc

GTIN_BODY = '950600077777'
GTIN = '0' + GTIN_BODY + gs1.gtin_check_digit('0' + GTIN_BODY)


@pytest.fixture(scope='module')
def sec(odoo_server):
    with registry_env(odoo_server.db) as env:
        warehouse = env.ref('stock.warehouse0')
        stock = warehouse.lot_stock_id
        product = env['product.product'].create({
            'name': 'SEC cheese', 'type': 'product', 'tracking': 'lot', 'barcode': GTIN})
        lots = {}
        for name, days in (('SEC-SOON', 4), ('SEC-LATE', 40), ('SEC-Q', 50)):
            lot = factories.lot(env, product, name, life_date=utc(days))
            factories.add_stock(env, product, stock, 10, lot=lot)
            lots[name] = lot.id
        env['stock.production.lot'].browse(lots['SEC-Q']).action_quarantine('Lab test')
        factories.login_user(env, 'sec_worker', ['stock.group_stock_user', 'base.group_user'])
        factories.login_user(env, 'sec_seller',
                             ['sales_team.group_sale_salesman', 'base.group_user'])

        def delivery(qty):
            picking = factories.delivery(env, [(product, qty)], env.ref('base.res_partner_2'),
                                         assign=True)
            assert picking.move_line_ids.lot_id.name == 'SEC-SOON'
            return picking

        open_picking = delivery(1)
        done_picking = delivery(1)
        done_picking.move_line_ids.qty_done = 1
        done_picking.action_done()
        receipt = factories.receipt(env, [(product, 10)])
        # a validated vendor receipt: a supplier quality row of the main company
        vendor_receipt = receipt.copy({'partner_id': env.ref('base.res_partner_1').id})
        vendor_receipt.action_confirm()
        vendor_receipt.move_lines.quantity_done = 3
        vendor_receipt.action_done()
        assert vendor_receipt.state == 'done'

        # a second company with its own user, override log and supplier data
        other = env['res.company'].create({'name': 'SEC Other Co'})
        factories.login_user(env, 'sec_other', ['stock.group_stock_user', 'base.group_user'],
                             company=other)
        Log = env['lot.override.log']
        Log.create({'reason': 'other company change', 'company_id': other.id,
                    'user_id': env.uid})
        Log.create({'reason': 'main company change', 'user_id': env.uid,
                    'company_id': env.ref('base.main_company').id})
        return {
            'lots': lots, 'product': product.id, 'picking': open_picking.id,
            'line': open_picking.move_line_ids.id, 'done_line': done_picking.move_line_ids.id,
            'receipt': receipt.id, 'other': other.id, 'main': env.ref('base.main_company').id,
        }


def test_quarantine_context_key_grants_nothing(odoo_server, sec):
    worker = odoo_server.session('sec_worker', 'sec_worker')
    lot = sec['lots']['SEC-Q']
    for context in ({'lot_quarantine_action': True}, {}):
        with pytest.raises(RpcError, match='Inventory Manager'):
            odoo_server.call(worker, 'stock.production.lot', 'write', [lot],
                             {'quarantined': False}, context=context)
    # the private writer is not reachable over RPC
    with pytest.raises(RpcError, match='Private methods'):
        odoo_server.call(worker, 'stock.production.lot', '_write_quarantine', [lot],
                         {'quarantined': False})
    row = odoo_server.call(worker, 'stock.production.lot', 'read', [lot], ['quarantined'])[0]
    assert row['quarantined'] is True


def test_lot_change_by_program_is_logged_and_context_skips_nothing(odoo_server, sec):
    worker = odoo_server.session('sec_worker', 'sec_worker')
    lots = sec['lots']
    # the key that used to skip reason, log and checks: an expired or
    # quarantined lot stays refused
    with pytest.raises(RpcError, match='quarantined'):
        odoo_server.call(worker, 'stock.move.line', 'write', [sec['line']],
                         {'lot_id': lots['SEC-Q']}, context={'lot_override_logged': True})
    # the form sends the reason field: an empty reason is refused
    with pytest.raises(RpcError, match='reason'):
        odoo_server.call(worker, 'stock.move.line', 'write', [sec['line']],
                         {'lot_id': lots['SEC-LATE'], 'lot_override_reason': ''})
    # a user's write without the reason field needs one too (only code running
    # as superuser writes it without, logged "not given": test_lot_override.py)
    with pytest.raises(RpcError, match='give a reason'):
        odoo_server.call(worker, 'stock.move.line', 'write', [sec['line']],
                         {'lot_id': lots['SEC-LATE']}, context={'lot_override_logged': True})
    odoo_server.call(worker, 'stock.move.line', 'write', [sec['line']],
                     {'lot_id': lots['SEC-LATE'], 'lot_override_reason': 'front of the rack'})
    logs = odoo_server.call(worker, 'lot.override.log', 'search_read',
                            [('move_line_id', '=', sec['line'])],
                            ['reason', 'origin', 'user_id', 'planned_lot_id', 'actual_lot_id',
                             'company_id'])
    assert len(logs) == 1, logs
    log = logs[0]
    assert log['reason'] == 'front of the rack' and log['origin'] == 'form'
    assert log['user_id'][1] == 'Sec Worker'
    assert log['planned_lot_id'][0] == lots['SEC-SOON']
    assert log['actual_lot_id'][0] == lots['SEC-LATE']
    assert log['company_id'][0] == sec['main']


def test_override_of_a_done_line_is_refused(odoo_server, sec):
    worker = odoo_server.session('sec_worker', 'sec_worker')
    with pytest.raises(RpcError, match='cannot be changed'):
        odoo_server.call(worker, 'stock.move.line', 'action_override_lot',
                         [sec['done_line']], sec['lots']['SEC-LATE'], 'wrong label')
    with pytest.raises(RpcError, match='is not a lot'):
        odoo_server.call(worker, 'stock.move.line', 'action_override_lot',
                         [sec['line']], 'abc', 'wrong label')
    row = odoo_server.call(worker, 'stock.move.line', 'read', [sec['done_line']], ['lot_id'])[0]
    assert row['lot_id'][0] == sec['lots']['SEC-SOON']


def scan(server, http, res_id, barcode, **kw):
    return server.jsonrpc(http, '/lot_traceability/scan', model='stock.picking', res_id=res_id,
                          barcode=barcode, **kw)


def test_scan_endpoint_refuses_bad_input_clearly(odoo_server, sec):
    worker = odoo_server.session('sec_worker', 'sec_worker')
    for params in ({'barcode': 12345}, {'barcode': ['x']},
                   {'barcode': 'SEC-LATE', 'reason': 7}):
        with pytest.raises(RpcError) as error:
            scan(odoo_server, worker, sec['receipt'], **params)
        assert 'must be text' in str(error.value), error.value
        assert 'strip' not in str(error.value)
    # GET is not a way to scan
    answer = worker.get(odoo_server.url + '/lot_traceability/scan', timeout=30)
    assert answer.status_code in (404, 405), answer.status_code
    # a GS1 quantity of 0 is refused, not counted as 1
    code = gs1.encode([('01', GTIN), ('10', 'SEC-ZERO'), ('30', '0')], prefix=']C1')
    answer = scan(odoo_server, worker, sec['receipt'], code)
    assert (answer['status'], answer['code']) == ('error', 'malformed'), answer
    assert '0' in answer['message']
    assert not odoo_server.call(worker, 'stock.production.lot', 'search',
                                [('name', '=', 'SEC-ZERO')])


def test_scan_creates_the_lot_in_the_document_company(odoo_server, sec):
    worker = odoo_server.session('sec_worker', 'sec_worker')
    code = gs1.encode([('01', GTIN), ('10', 'SEC-NEW'), ('30', '2')], prefix=']C1')
    answer = scan(odoo_server, worker, sec['receipt'], code)
    assert answer['code'] == 'matched', answer
    lot = odoo_server.call(worker, 'stock.production.lot', 'search_read',
                           [('name', '=', 'SEC-NEW')], ['company_id'])
    assert lot[0]['company_id'][0] == sec['main']


def test_trace_depth_is_validated(odoo_server, sec):
    worker = odoo_server.session('sec_worker', 'sec_worker')
    lot = sec['lots']['SEC-SOON']
    for depth, message in ((-1, 'positive whole number'), ('deep', 'positive whole number'),
                           (10 ** 6, 'at most')):
        with pytest.raises(RpcError, match=message):
            odoo_server.call(worker, 'stock.production.lot', 'trace_downstream', [lot],
                             max_depth=depth)
    assert isinstance(odoo_server.call(worker, 'stock.production.lot', 'trace_downstream',
                                       [lot], max_depth=3), list)


def test_huge_minimum_shelf_life_is_a_validation_error(odoo_server, sec):
    admin = odoo_server.session()
    partner = odoo_server.call(admin, 'res.partner', 'create', {'name': 'SEC Long Life'})
    with pytest.raises(RpcError, match='between 0 and'):
        odoo_server.call(admin, 'res.partner', 'write', [partner],
                         {'min_shelf_life_days': 10 ** 9})
    with pytest.raises(RpcError, match='between 0 and'):
        odoo_server.call(admin, 'res.partner', 'write', [partner], {'min_shelf_life_days': -5})


def test_partner_form_without_stock_rights(odoo_server, sec):
    """A salesman opens a customer: no "Lots received" button, no AccessError."""
    seller = odoo_server.session('sec_seller', 'sec_seller')
    view = odoo_server.call(seller, 'res.partner', 'fields_view_get', view_type='form')
    assert lots_button_modifiers(view['arch']).get('invisible') is True
    partner = odoo_server.call(seller, 'res.partner', 'search', [('customer', '=', True)],
                               limit=1)
    row = odoo_server.call(seller, 'res.partner', 'read', partner, list(view['fields']))[0]
    assert 'lot_received_count' in row and 'supplier_lot_count' in row
    worker = odoo_server.session('sec_worker', 'sec_worker')
    view = odoo_server.call(worker, 'res.partner', 'fields_view_get', view_type='form')
    assert lots_button_modifiers(view['arch']).get('invisible') is not True


def lots_button_modifiers(arch):
    from lxml import etree
    button = etree.fromstring(arch.encode()).xpath(
        "//button[@name='action_view_lots_received']")[0]
    return json.loads(button.get('modifiers') or '{}')


def test_other_company_never_sees_overrides_or_supplier_quality(odoo_server, sec):
    other = odoo_server.session('sec_other', 'sec_other')
    worker = odoo_server.session('sec_worker', 'sec_worker')
    seen = odoo_server.call(other, 'lot.override.log', 'search_read', [], ['company_id'])
    assert seen and {row['company_id'][0] for row in seen} == {sec['other']}
    mine = odoo_server.call(worker, 'lot.override.log', 'search_read', [], ['company_id'])
    assert {row['company_id'][0] for row in mine} == {sec['main']}
    assert odoo_server.call(worker, 'lot.supplier.quality.report', 'search_count', [])
    assert odoo_server.call(other, 'lot.supplier.quality.report', 'search_count', []) == 0
    assert odoo_server.call(other, 'lot.override.log', 'search_count',
                            [('move_line_id', '=', sec['line'])]) == 0
