# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lot changes, done operations, lot sequences, reservation context and
chatter text, attacked over the real JSON-RPC API as the user who would do
it (a plain stock user, an Inventory manager): each attack is refused with a
clear message and leaves lines, quants, logs and messages as they were."""
import pytest

from odoo import fields
from odoo.exceptions import UserError

import factories
from conftest import RpcError, registry_env
from factories import utc
from fefo_common import FefoCase

HTML_REASON = '<img src=http://x.example/y.png><a href="http://x.example/">see</a>'
HTML_LOT = '<img src=http://x.example/n.png>SL-HTML'


@pytest.fixture(scope='module')
def data(odoo_server):
    with registry_env(odoo_server.db) as env:
        warehouse = env.ref('stock.warehouse0')
        stock = warehouse.lot_stock_id
        customers = env.ref('stock.stock_location_customers')
        Product = env['product.product']
        Lot = env['stock.production.lot']
        Quant = env['stock.quant']

        def product(name, **vals):
            return Product.create(dict({'name': name, 'type': 'product', 'tracking': 'lot'},
                                       **vals))

        def lot(product, name, days, qty=10, in_days=None, **vals):
            record = Lot.create(dict({'name': name, 'product_id': product.id,
                                      'life_date': utc(days)}, **vals))
            Quant._update_available_quantity(
                product, stock, qty, lot_id=record,
                in_date=in_days is not None and fields.Datetime.from_string(utc(in_days)) or None)
            return record

        def delivery(product, qty, partner=None, assign=True):
            return factories.delivery(env, [(product, qty)],
                                      partner or env.ref('base.res_partner_2'), assign=assign)

        factories.login_user(env, 'seclot_worker',
                             ['stock.group_stock_user', 'mrp.group_mrp_user', 'base.group_user'])
        factories.login_user(env, 'seclot_manager',
                             ['stock.group_stock_manager', 'base.group_user'])

        # a reserved delivery line (planned lot SL-SOON) and a done one
        cheese = product('SL cheese')
        soon, late = lot(cheese, 'SL-SOON', 4), lot(cheese, 'SL-LATE', 40)
        open_picking = delivery(cheese, 2)
        assert open_picking.move_line_ids.lot_id == soon
        done_picking = delivery(cheese, 1)
        done_picking.move_line_ids.qty_done = 1
        done_picking.action_done()
        assert done_picking.state == 'done' and done_picking.move_line_ids.lot_id == soon

        # a manufacturing order whose component lot C-SOON is reserved
        component = product('SL flour')
        c_soon, c_late = lot(component, 'SL-C-SOON', 5), lot(component, 'SL-C-LATE', 50)
        bread = product('SL bread', tracking='none')
        bom = env['mrp.bom'].create({
            'product_tmpl_id': bread.product_tmpl_id.id, 'product_qty': 1,
            'bom_line_ids': [(0, 0, {'product_id': component.id, 'product_qty': 2})]})
        production = env['mrp.production'].create({
            'product_id': bread.id, 'product_qty': 2, 'product_uom_id': bread.uom_id.id,
            'bom_id': bom.id, 'location_src_id': stock.id, 'location_dest_id': stock.id})
        production.action_assign()
        assert production.move_raw_ids.move_line_ids.lot_id == c_soon

        # reservation: a quarantined lot received first, a valid one later;
        # a lot too short for a customer's minimum shelf life
        ham = product('SL ham')
        quarantined = lot(ham, 'SL-Q-OLD', 60, in_days=-20)
        valid = lot(ham, 'SL-VALID', 90, in_days=-1)
        quarantined.action_quarantine('Lab test')
        native_picking = delivery(ham, 3, assign=False)
        butter = product('SL butter')
        short = lot(butter, 'SL-SHORT', 10)
        picky = env['res.partner'].create({'name': 'SL Picky Shop', 'is_company': True,
                                           'min_shelf_life_days': 30})
        shelf_picking = delivery(butter, 3, partner=picky, assign=False)

        # a lot whose name is markup, reserved on a delivery
        jam = product('SL jam')
        html_lot = lot(jam, HTML_LOT, 30)
        html_picking = delivery(jam, 1)

        sequence = env['ir.sequence'].create({
            'name': 'SL lots', 'prefix': 'SL-', 'padding': 4, 'lot_sequence': True})
        return {
            'cheese': cheese.id, 'soon': soon.id, 'late': late.id,
            'picking': open_picking.id, 'line': open_picking.move_line_ids.id,
            'done_picking': done_picking.id, 'done_line': done_picking.move_line_ids.id,
            'done_move': done_picking.move_lines.id,
            'stock': stock.id, 'customers': customers.id,
            'production': production.id, 'raw_move': production.move_raw_ids.id,
            'component': component.id, 'c_soon': c_soon.id, 'c_late': c_late.id,
            'quarantined': quarantined.id, 'valid': valid.id,
            'native_picking': native_picking.id, 'short': short.id,
            'shelf_picking': shelf_picking.id,
            'html_lot': html_lot.id, 'html_picking': html_picking.id,
            'sequence': sequence.id, 'uom': cheese.uom_id.id,
        }


def snapshot_lines(env, model, ids, fields):
    return env[model].browse(ids).read(fields)


def quants(env, product_id):
    rows = env['stock.quant'].search([('product_id', '=', product_id)])
    return sorted((q.location_id.id, q.lot_id.name, q.quantity, q.reserved_quantity)
                  for q in rows)


def messages(env, model, res_id):
    return env['mail.message'].search([('model', '=', model), ('res_id', '=', res_id)]).ids


def override_logs(env, **where):
    return env['lot.override.log'].search([(key, '=', value) for key, value in where.items()])


LINE_FIELDS = ['lot_id', 'planned_lot_id', 'qty_done', 'product_uom_qty', 'location_id',
               'location_dest_id', 'state', 'lot_override_reason']


def test_planned_lot_is_not_writable_and_a_lot_change_needs_a_reason(odoo_server, data):
    worker = odoo_server.session('seclot_worker', 'seclot_worker')
    line = data['line']
    with registry_env(odoo_server.db) as env:
        before = (snapshot_lines(env, 'stock.move.line', [line], LINE_FIELDS),
                  quants(env, data['cheese']), messages(env, 'stock.picking', data['picking']))
    # the attack of issue 25: make the new lot the planned one, then take it
    for vals in ({'planned_lot_id': data['late']},
                 {'planned_lot_id': data['late'], 'lot_id': data['late']}):
        with pytest.raises(RpcError, match='planned lot is set by the reservation'):
            odoo_server.call(worker, 'stock.move.line', 'write', [line], vals)
    # a person changing a reserved line's lot gives a reason
    with pytest.raises(RpcError, match='give a reason'):
        odoo_server.call(worker, 'stock.move.line', 'write', [line], {'lot_id': data['late']})
    with registry_env(odoo_server.db) as env:
        after = (snapshot_lines(env, 'stock.move.line', [line], LINE_FIELDS),
                 quants(env, data['cheese']), messages(env, 'stock.picking', data['picking']))
        assert after == before
        assert after[0][0]['lot_id'][0] == after[0][0]['planned_lot_id'][0] == data['soon']
        assert not override_logs(env, move_line_id=line)
    # a new line never takes the planned lot the client sends
    new_line = odoo_server.call(worker, 'stock.move.line', 'create', {
        'picking_id': data['picking'], 'move_id': odoo_server.call(
            worker, 'stock.move.line', 'read', [line], ['move_id'])[0]['move_id'][0],
        'product_id': data['cheese'], 'product_uom_id': data['uom'], 'lot_id': data['late'],
        'planned_lot_id': data['soon'], 'location_id': data['stock'],
        'location_dest_id': data['customers']})
    row = odoo_server.call(worker, 'stock.move.line', 'read', [new_line], ['planned_lot_id'])
    assert row[0]['planned_lot_id'] is False
    odoo_server.call(worker, 'stock.move.line', 'unlink', [new_line])
    # with a reason the change is made and logged against the real planned lot
    odoo_server.call(worker, 'stock.move.line', 'write', [line],
                     {'lot_id': data['late'], 'lot_override_reason': 'SL-SOON box crushed'})
    with registry_env(odoo_server.db) as env:
        log = override_logs(env, move_line_id=line)
        assert len(log) == 1
        assert (log.planned_lot_id.id, log.actual_lot_id.id, log.origin) == (
            data['soon'], data['late'], 'form')


def test_produce_wizard_takes_the_planned_lot_from_the_reservation(odoo_server, data):
    worker = odoo_server.session('seclot_worker', 'seclot_worker')
    context = {'active_id': data['production'], 'active_ids': [data['production']],
               'active_model': 'mrp.production'}

    def wizard(**line_vals):
        vals = dict({'move_id': data['raw_move'], 'product_id': data['component'],
                     'product_uom_id': data['uom'], 'lot_id': data['c_late'],
                     'planned_lot_id': data['c_late'], 'qty_to_consume': 4, 'qty_done': 4},
                    **line_vals)
        return odoo_server.call(worker, 'mrp.product.produce', 'create',
                                {'product_qty': 2, 'produce_line_ids': [(0, 0, vals)]},
                                context=context)

    def state(env):
        production = env['mrp.production'].browse(data['production'])
        return (snapshot_lines(env, 'stock.move.line', production.move_raw_ids.move_line_ids.ids,
                               LINE_FIELDS),
                production.move_finished_ids.mapped('quantity_done'), production.state,
                quants(env, data['component']),
                messages(env, 'mrp.production', data['production']))

    with registry_env(odoo_server.db) as env:
        before = state(env)
    # the client says the lot it uses was planned: the server knows better
    with pytest.raises(RpcError, match='replaces the planned lot SL-C-SOON'):
        odoo_server.call(worker, 'mrp.product.produce', 'do_produce', [wizard()],
                         context=context)
    with registry_env(odoo_server.db) as env:
        assert state(env) == before
        assert not override_logs(env, production_id=data['production'])
    # with a reason: produced, and logged against the reserved lot
    odoo_server.call(worker, 'mrp.product.produce', 'do_produce',
                     [wizard(lot_override_reason='SL-C-SOON bag torn')], context=context)
    with registry_env(odoo_server.db) as env:
        log = override_logs(env, production_id=data['production'])
        assert len(log) == 1
        assert (log.planned_lot_id.id, log.actual_lot_id.id) == (data['c_soon'], data['c_late'])


def test_done_line_is_not_changed_by_a_stock_user(odoo_server, data):
    worker = odoo_server.session('seclot_worker', 'seclot_worker')
    line, picking = data['done_line'], data['done_picking']

    def state(env):
        return (snapshot_lines(env, 'stock.move.line', [line], LINE_FIELDS),
                env['stock.picking'].browse(picking).move_line_ids.ids,
                quants(env, data['cheese']), messages(env, 'stock.picking', picking),
                override_logs(env, move_line_id=line).ids)

    with registry_env(odoo_server.db) as env:
        before = state(env)
    attacks = [
        ('stock.move.line', 'write', [line], {'lot_id': data['late'],
                                              'lot_override_reason': 'wrong label'}),
        ('stock.move.line', 'write', [line], {'qty_done': 0.5}),
        ('stock.move.line', 'write', [line], {'location_dest_id': data['stock']}),
        ('stock.picking', 'write', [picking], {'move_line_ids': [
            (1, line, {'lot_id': data['late']})]}),
        ('stock.move', 'write', [data['done_move']], {'quantity_done': 3}),
        ('stock.move.line', 'create', {
            'picking_id': picking, 'move_id': data['done_move'], 'product_id': data['cheese'],
            'product_uom_id': data['uom'], 'lot_id': data['late'], 'qty_done': 1,
            'location_id': data['stock'], 'location_dest_id': data['customers'],
            'lot_override_reason': 'forgot one'}),
    ]
    for model, method, *args in attacks:
        with pytest.raises(RpcError, match='is done: its lot, quantity and locations cannot'):
            odoo_server.call(worker, model, method, *args)
    with registry_env(odoo_server.db) as env:
        assert state(env) == before

    # an Inventory manager corrects it, with a reason that is logged
    manager = odoo_server.session('seclot_manager', 'seclot_manager')
    with pytest.raises(RpcError, match='give a reason for the correction'):
        odoo_server.call(manager, 'stock.move.line', 'write', [line], {'lot_id': data['late']})
    with registry_env(odoo_server.db) as env:
        assert state(env) == before
    odoo_server.call(manager, 'stock.move.line', 'write', [line],
                     {'lot_id': data['late'], 'lot_override_reason': 'labels swapped at packing'})
    with registry_env(odoo_server.db) as env:
        log = override_logs(env, move_line_id=line)
        assert (log.planned_lot_id.id, log.actual_lot_id.id, log.origin, log.reason) == (
            data['soon'], data['late'], 'correction', 'labels swapped at packing')
        delivered = {(location, lot): qty for location, lot, qty, _reserved
                     in quants(env, data['cheese']) if location == data['customers']}
        assert delivered.get((data['customers'], 'SL-LATE')) == 1
        assert not delivered.get((data['customers'], 'SL-SOON'))
        bodies = env['mail.message'].browse(messages(env, 'stock.picking', picking)).mapped(
            'body')
        assert any('Done operation corrected' in body and 'labels swapped at packing' in body
                   for body in bodies)


def test_manager_cannot_turn_a_lot_sequence_into_another_documents(odoo_server, data):
    manager = odoo_server.session('seclot_manager', 'seclot_manager')
    sequence = data['sequence']
    fields = ['lot_sequence', 'code', 'prefix', 'number_next_actual', 'company_id']

    def state(env):
        orders = env['ir.sequence'].search([('code', '=', 'sale.order')])
        return (orders.read(fields), env['ir.sequence'].browse(sequence).read(fields),
                env['ir.sequence'].search_count([]))

    with registry_env(odoo_server.db) as env:
        before = state(env)
        assert before[0], 'sale.order has its numbering'
    attacks = [
        ('write', [sequence], {'lot_sequence': False, 'code': 'sale.order'}, 'administrator'),
        ('write', [sequence], {'lot_sequence': False}, 'administrator'),
        ('write', [sequence], {'code': 'sale.order'}, 'code'),
        ('create', {'name': 'SL hijack', 'code': 'sale.order', 'lot_sequence': True}, 'code'),
        ('create', {'name': 'SL hijack', 'code': 'sale.order'}, 'security restrictions'),
    ]
    for method, *args, message in attacks:
        with pytest.raises(RpcError, match=message):
            odoo_server.call(manager, 'ir.sequence', method, *args)
    with registry_env(odoo_server.db) as env:
        assert state(env) == before
        # sale orders are still numbered by their own sequence
        assert env['ir.sequence'].next_by_code('sale.order').startswith(
            before[0][0]['prefix'] or '')
        env.cr.rollback()
    # the lot sequence itself stays the manager's to edit
    odoo_server.call(manager, 'ir.sequence', 'write', [sequence], {'prefix': 'SLX-'})
    with registry_env(odoo_server.db) as env:
        assert env['ir.sequence'].browse(sequence).prefix == 'SLX-'


def test_reservation_context_never_reserves_a_blocked_lot(odoo_server, data):
    worker = odoo_server.session('seclot_worker', 'seclot_worker')

    def reserved(picking):
        lines = odoo_server.call(worker, 'stock.move.line', 'search_read',
                                 [('picking_id', '=', picking)], ['lot_id', 'product_uom_qty'])
        return sorted((line['lot_id'][1], line['product_uom_qty']) for line in lines)

    # Odoo's removal order (FIFO: the quarantined lot came in first)
    odoo_server.call(worker, 'stock.picking', 'action_assign', [data['native_picking']],
                     context={'lot_native_reservation': True})
    assert reserved(data['native_picking']) == [('SL-VALID', 3.0)]
    # the customer's minimum shelf life is not skipped by the internal keys
    for context in ({'lot_reserve_check': True}, {'lot_native_reservation': True},
                    {'lot_reserve_check': True, 'lot_reserve_min_life_date': False}):
        odoo_server.call(worker, 'stock.picking', 'action_assign', [data['shelf_picking']],
                         context=context)
        assert reserved(data['shelf_picking']) == []
    with registry_env(odoo_server.db) as env:
        lots = env['stock.production.lot'].browse([data['quarantined'], data['short']])
        assert sum(lots.mapped('quant_ids.reserved_quantity')) == 0


def test_user_text_is_text_in_the_chatter(odoo_server, data):
    manager = odoo_server.session('seclot_manager', 'seclot_manager')
    lot = data['html_lot']
    odoo_server.call(manager, 'stock.production.lot', 'action_quarantine', [lot], HTML_REASON)
    with registry_env(odoo_server.db) as env:
        lot_bodies = env['mail.message'].browse(
            messages(env, 'stock.production.lot', lot)).mapped('body')
        picking_bodies = env['mail.message'].browse(
            messages(env, 'stock.picking', data['html_picking'])).mapped('body')
    quarantined = [body for body in lot_bodies if 'Lot quarantined' in body]
    removed = [body for body in picking_bodies if 'quarantined: their reservation' in body]
    assert quarantined and removed, (lot_bodies, picking_bodies)
    for body in quarantined + removed:
        assert '<img' not in body and '<a ' not in body, body
    assert '&lt;img src=http://x.example/y.png&gt;' in quarantined[0]
    assert '&lt;img src=http://x.example/n.png&gt;SL-HTML' in removed[0]


class TestProducePlannedLots(FefoCase):
    """How the Produce wizard works out each component line's planned lot
    from the reservation: a small quantity of a reserved lot does not make
    another lot "planned"."""

    def test_planned_lot_follows_the_reserved_quantities(self):
        env = self.env
        lot_a = self.make_lot('PL-A', utc(5), qty=3)
        lot_b = self.make_lot('PL-B', utc(10))
        lot_c = self.make_lot('PL-C', utc(50))
        finished = env['product.product'].create({'name': 'PL salad', 'type': 'product'})
        bom = env['mrp.bom'].create({
            'product_tmpl_id': finished.product_tmpl_id.id, 'product_qty': 1,
            'bom_line_ids': [(0, 0, {'product_id': self.product.id, 'product_qty': 1})]})
        production = env['mrp.production'].create({
            'product_id': finished.id, 'product_qty': 6, 'product_uom_id': finished.uom_id.id,
            'bom_id': bom.id, 'location_src_id': self.stock.id, 'location_dest_id': self.stock.id})
        production.action_assign()
        self.assertEqual(self.reserved(production.move_raw_ids), [('PL-A', 3.0), ('PL-B', 3.0)])
        move = production.move_raw_ids

        def produce(lines):
            wizard = env['mrp.product.produce'].with_context(
                active_id=production.id).create({'product_qty': 6, 'produce_line_ids': [
                    (0, 0, {'move_id': move.id, 'product_id': self.product.id,
                            'product_uom_id': self.product.uom_id.id, 'lot_id': lot.id,
                            'planned_lot_id': lot.id, 'qty_done': qty})
                    for lot, qty in lines]})
            wizard._lot_set_planned_lots()
            return [(line.lot_id.name, line.planned_lot_id.name)
                    for line in wizard.produce_line_ids]

        # one unit of A does not cover the five of C: C replaces what is left of A
        self.assertEqual(produce([(lot_a, 1), (lot_c, 5)]),
                         [('PL-A', 'PL-A'), ('PL-C', 'PL-A')])
        # A and B consumed as reserved, C on top: nothing was planned for C
        self.assertEqual(produce([(lot_a, 3), (lot_b, 3), (lot_c, 1)]),
                         [('PL-A', 'PL-A'), ('PL-B', 'PL-B'), ('PL-C', False)])
        # B instead of A: B's own reservation is used first, then A's
        self.assertEqual(produce([(lot_b, 6)]), [('PL-B', 'PL-B')])
        self.assertEqual(produce([(lot_b, 3), (lot_c, 3)]),
                         [('PL-B', 'PL-B'), ('PL-C', 'PL-A')])
        with self.assertRaisesRegex(UserError, 'replaces the planned lot PL-A'):
            env['mrp.product.produce'].with_context(
                active_id=production.id).create({'product_qty': 6, 'produce_line_ids': [
                    (0, 0, {'move_id': move.id, 'product_id': self.product.id,
                            'product_uom_id': self.product.uom_id.id, 'lot_id': lot_c.id,
                            'planned_lot_id': lot_c.id, 'qty_done': 6})]}).do_produce()
