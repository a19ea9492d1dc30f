# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Overrides split, never relabel: units counted on the planned lot keep
their lot and location, the other lot gets lines of its own reserved where
it really is; blocked lots are refused as soon as a line takes them."""
from odoo.exceptions import UserError

import factories
from conftest import registry_env
from fefo_common import FefoCase, utc
from scan_data import ScanData


def _delivery_with_shelf(env, tag):
    """Lot A (planned) in WH/Stock, lot B only on a shelf under it, and a
    reserved delivery of 5 of lot A."""
    stock = env.ref('stock.stock_location_stock')
    shelf = env['stock.location'].create({'name': 'Shelf %s' % tag, 'location_id': stock.id})
    product = factories.product(env, 'Override Milk %s' % tag)
    lot_a = factories.lot(env, product, 'OVR-A-%s' % tag, life_date=factories.utc(30))
    lot_b = factories.lot(env, product, 'OVR-B-%s' % tag, life_date=factories.utc(60))
    factories.add_stock(env, product, stock, 10, lot=lot_a)
    factories.add_stock(env, product, shelf, 5, lot=lot_b)
    partner = env['res.partner'].create({'name': 'Override Customer %s' % tag})
    picking = factories.picking(env, env.ref('stock.picking_type_out'), stock,
                                env.ref('stock.stock_location_customers'), [(product, 5)],
                                partner=partner)
    picking.action_assign()
    return {'picking': picking.id, 'product': product.id, 'lot_a': lot_a.id,
            'lot_b': lot_b.id, 'stock': stock.id, 'shelf': shelf.id}


def _lines(env, ids):
    picking = env['stock.picking'].browse(ids['picking'])
    return sorted((line.lot_id.id, line.location_id.id, line.qty_done, line.product_uom_qty)
                  for line in picking.move_line_ids)


def test_scan_three_then_override_over_http(odoo_server):
    with registry_env(odoo_server.db) as env:
        ids = _delivery_with_shelf(env, 'HTTP')
        factories.user(env, 'Override Scanner', 'ovr_scanner',
                       ['stock.group_stock_user', 'stock.group_production_lot',
                        'base.group_user'], password='ovr_scanner',
                       email='ovr_scanner@example.com')
    http = odoo_server.session('ovr_scanner', 'ovr_scanner')

    def scan(barcode, **kw):
        return odoo_server.jsonrpc(http, '/lot_traceability/scan', model='stock.picking',
                                   res_id=ids['picking'], barcode=barcode, **kw)

    for _count in range(3):
        assert scan('OVR-A-HTTP')['code'] == 'matched'
    answer = scan('OVR-B-HTTP')
    assert (answer['status'], answer['code']) == ('warning', 'lot_not_planned')
    answer = scan('OVR-B-HTTP', reason='box of OVR-A is torn')
    assert (answer['status'], answer['code']) == ('warning', 'lot_not_planned'), answer
    assert answer['line']['lot'] == 'OVR-B-HTTP' and answer['line']['qty_done'] == 1

    with registry_env(odoo_server.db) as env:
        # 3 counted of lot A stay in WH/Stock; lot B is taken from its shelf
        assert _lines(env, ids) == sorted([
            (ids['lot_a'], ids['stock'], 3.0, 4.0), (ids['lot_b'], ids['shelf'], 1.0, 1.0)])
        picking = env['stock.picking'].browse(ids['picking'])
        move = picking.move_lines
        assert move.reserved_availability == 5.0 and move.product_uom_qty == 5.0
        quants = env['stock.quant'].search([('product_id', '=', ids['product'])])
        assert sorted((q.lot_id.id, q.location_id.id, q.quantity, q.reserved_quantity)
                      for q in quants) == sorted([
                          (ids['lot_a'], ids['stock'], 10.0, 4.0),
                          (ids['lot_b'], ids['shelf'], 5.0, 1.0)])
        log = env['lot.override.log'].search([('actual_lot_id', '=', ids['lot_b'])])
        assert len(log) == 1 and log.planned_lot_id.id == ids['lot_a'] and log.origin == 'scan'
        assert log.move_line_id.lot_id.id == ids['lot_b']

        picking.action_done()
        quants = env['stock.quant'].search([('product_id', '=', ids['product'])])
        negative = [(q.location_id.name, q.quantity) for q in quants if q.quantity < 0]
        assert not negative, negative
        assert sorted((q.lot_id.id, q.location_id.id, q.quantity) for q in quants
                      if q.location_id.usage == 'internal') == sorted([
                          (ids['lot_a'], ids['stock'], 7.0), (ids['lot_b'], ids['shelf'], 4.0)])
        done = env['stock.move.line'].search([
            ('product_id', '=', ids['product']), ('state', '=', 'done'),
            ('location_dest_id.usage', '=', 'customer')])
        received = {}
        for line in done:
            received[line.lot_id.id] = received.get(line.lot_id.id, 0) + line.qty_done
        assert received == {ids['lot_a']: 3.0, ids['lot_b']: 1.0}


class TestOverrideSplit(FefoCase):

    def setUp(self):
        super(TestOverrideSplit, self).setUp()
        self.ids = _delivery_with_shelf(self.env, 'TX')
        self.picking = self.env['stock.picking'].browse(self.ids['picking'])
        self.line = self.picking.move_line_ids
        self.lot_a = self.env['stock.production.lot'].browse(self.ids['lot_a'])
        self.lot_b = self.env['stock.production.lot'].browse(self.ids['lot_b'])
        self.shelf = self.env['stock.location'].browse(self.ids['shelf'])

    def quants(self):
        quants = self.env['stock.quant'].search([('product_id', '=', self.ids['product'])])
        return sorted((q.lot_id.name, q.location_id.id, q.quantity, q.reserved_quantity)
                      for q in quants)

    def test_form_override_moves_the_reservation(self):
        result = self.line.sudo(self.worker).action_override_lot(self.lot_b.id, 'A is damaged')
        self.assertEqual(result['line_ids'], self.line.ids)
        self.assertEqual((self.line.lot_id, self.line.location_id, self.line.product_uom_qty,
                          self.line.planned_lot_id), (self.lot_b, self.shelf, 5.0, self.lot_a))
        move = self.picking.move_lines
        self.assertEqual(move.reserved_availability, 5.0)
        self.assertEqual(move.state, 'assigned')
        self.assertFalse(move.lot_reservation_issue)
        self.assertEqual(self.quants(), sorted([
            (self.lot_a.name, self.ids['stock'], 10.0, 0.0),
            (self.lot_b.name, self.shelf.id, 5.0, 5.0)]))

    def test_form_write_with_reason_moves_the_reservation(self):
        self.line.sudo(self.worker).write({'lot_id': self.lot_b.id, 'qty_done': 2,
                                           'lot_override_reason': 'A is damaged'})
        self.assertEqual((self.line.lot_id, self.line.location_id, self.line.product_uom_qty,
                          self.line.qty_done), (self.lot_b, self.shelf, 5.0, 2.0))
        self.assertEqual(self.picking.move_lines.reserved_availability, 5.0)
        log = self.env['lot.override.log'].search([('move_line_id', '=', self.line.id)])
        self.assertEqual((log.origin, log.reason), ('form', 'A is damaged'))

    def test_override_after_counting_keeps_the_counted_units(self):
        self.line.qty_done = 3
        result = self.line.sudo(self.worker).action_override_lot(self.lot_b.id, 'A is short')
        new = self.env['stock.move.line'].browse(result['line_ids'])
        self.assertEqual((self.line.lot_id, self.line.qty_done, self.line.product_uom_qty),
                         (self.lot_a, 3.0, 3.0))
        self.assertEqual((new.lot_id, new.location_id, new.product_uom_qty, new.qty_done),
                         (self.lot_b, self.shelf, 2.0, 0.0))
        self.assertEqual(self.picking.move_lines.reserved_availability, 5.0)

    def test_override_without_stock_of_the_lot_is_refused(self):
        lot_c = factories.lot(self.env, self.line.product_id, 'OVR-C-TX')
        before = self.quants()
        with self.assertRaisesRegex(UserError, 'free'):
            self.line.sudo(self.worker).action_override_lot(lot_c.id, 'at hand')
        self.assertEqual((self.line.lot_id, self.line.product_uom_qty), (self.lot_a, 5.0))
        self.assertEqual(self.quants(), before)
        self.assertFalse(self.env['lot.override.log'].search([('actual_lot_id', '=', lot_c.id)]))


class TestBlockedLotOnCreate(FefoCase):

    def test_create_and_import_refuse_a_blocked_lot(self):
        lot = self.make_lot('BLK-Q', utc(30))
        expired = self.make_lot('BLK-X', utc(-1))
        lot.sudo().write({'quarantined': True, 'quarantine_reason': 'listeria'})
        picking = self.delivery(2)
        move = picking.move_lines
        Line = self.env['stock.move.line'].sudo(self.worker)
        count = Line.search_count([])
        for blocked, word in ((lot, 'quarantined'), (expired, 'expired')):
            with self.assertRaisesRegex(UserError, word):
                Line.create({
                    'move_id': move.id, 'picking_id': picking.id,
                    'product_id': self.product.id, 'product_uom_id': self.product.uom_id.id,
                    'lot_id': blocked.id, 'qty_done': 1, 'location_id': self.stock.id,
                    'location_dest_id': self.customers.id})
        result = Line.load(
            ['move_id/.id', 'picking_id/.id', 'product_id/.id', 'product_uom_id/.id',
             'lot_id/.id', 'qty_done', 'location_id/.id', 'location_dest_id/.id'],
            [[str(move.id), str(picking.id), str(self.product.id), str(self.product.uom_id.id),
              str(lot.id), '1', str(self.stock.id), str(self.customers.id)]])
        self.assertFalse(result['ids'])
        self.assertIn('quarantined', ' '.join(m['message'] for m in result['messages']))
        self.assertEqual(Line.search_count([]), count)
        # scrap and returns to the vendor stay possible
        Line.create({
            'product_id': self.product.id, 'product_uom_id': self.product.uom_id.id,
            'lot_id': lot.id, 'qty_done': 1, 'location_id': self.stock.id,
            'location_dest_id': self.env.ref('stock.stock_location_suppliers').id})


class TestWorkorderScan(FefoCase):
    """A manufacturing order with a work order: the work order's component
    line is pre-filled with the quantity to consume and no lot."""

    def setUp(self):
        super(TestWorkorderScan, self).setUp()
        env = self.env
        self.lot_a = self.make_lot('WO-A', utc(30))
        self.lot_b = self.make_lot('WO-B', utc(60))
        self.lot_q = self.make_lot('WO-Q', utc(90))
        self.lot_q.write({'quarantined': True, 'quarantine_reason': 'swab positive'})
        self.operator = factories.user(env, 'WO Operator', 'wo_scan_operator', [
            'mrp.group_mrp_user', 'stock.group_stock_user', 'base.group_user'],
            email='wo_operator@example.com')
        cake = factories.product(env, 'WO Cake', tracking='none')
        workcenter = env['mrp.workcenter'].create({'name': 'WO Mixer'})
        routing = env['mrp.routing'].create({
            'name': 'WO Mixing', 'operation_ids': [(0, 0, {
                'name': 'Mix', 'workcenter_id': workcenter.id, 'time_cycle_manual': 10})]})
        bom = factories.bom(env, cake, [(self.product, 3)], routing_id=routing.id)
        self.production = factories.production(env, cake, 2, bom)
        self.production.action_assign()
        self.production.button_plan()
        self.work_line = self.production.workorder_ids[0].active_move_line_ids
        self.assertEqual((self.work_line.lot_id, self.work_line.qty_done),
                         (self.env['stock.production.lot'], 6.0))

    def scan(self, barcode, **kw):
        return self.production.sudo(self.operator).lot_scan(barcode, **kw)

    def logs(self):
        return self.env['lot.override.log'].search([('production_id', '=', self.production.id)])

    def state(self):
        lines = self.production.move_raw_ids.mapped('move_line_ids')
        lines.invalidate_cache()
        return sorted((line.id, line.lot_id.id, line.qty_done, line.product_uom_qty)
                      for line in lines)

    def test_planned_lot_fills_the_prefilled_line(self):
        answer = self.scan('WO-A')
        self.assertEqual((answer['status'], answer['code']), ('ok', 'matched'), answer)
        self.assertEqual((self.work_line.lot_id, self.work_line.qty_done), (self.lot_a, 6.0))
        self.assertFalse(self.logs())

    def test_other_lot_needs_a_reason_and_is_logged(self):
        before = self.state()
        answer = self.scan('WO-B')
        self.assertEqual((answer['status'], answer['code']), ('warning', 'lot_not_planned'))
        self.assertIn('WO-A', answer['message'])
        self.assertEqual(self.state(), before)
        self.assertFalse(self.logs())
        answer = self.scan('WO-B', reason='WO-A is on the top shelf')
        self.assertEqual(answer['code'], 'lot_not_planned')
        self.assertEqual((self.work_line.lot_id, self.work_line.qty_done,
                          self.work_line.planned_lot_id), (self.lot_b, 6.0, self.lot_a))
        self.assertIn('6.0 / 6.0', answer['message'])
        log = self.logs()
        self.assertEqual((log.planned_lot_id, log.actual_lot_id, log.origin, log.user_id,
                          log.move_line_id), (self.lot_a, self.lot_b, 'scan', self.operator,
                                              self.work_line))

    def test_blocked_lot_is_refused(self):
        before = self.state()
        answer = self.scan('WO-Q', reason='at hand')
        self.assertEqual((answer['status'], answer['code']), ('error', 'quarantined'))
        self.assertEqual(self.state(), before)
        self.assertFalse(self.logs())


class TestOverrideMessages(FefoCase):

    def test_outgoing_lines_offer_only_usable_lots(self):
        good = self.make_lot('MSG-GOOD', utc(30))
        expired = self.make_lot('MSG-OLD', utc(-1))
        held = self.make_lot('MSG-HELD', utc(40))
        held.write({'quarantined': True, 'quarantine_reason': 'check'})
        picking = self.delivery(2)
        line = self.env['stock.move.line'].new({
            'move_id': picking.move_lines.id, 'product_id': self.product.id,
            'location_id': self.stock.id, 'location_dest_id': self.customers.id})
        domain = line._onchange_lot_domain_usable()['domain']['lot_id']
        offered = self.env['stock.production.lot'].search(domain)
        self.assertIn(good, offered)
        self.assertNotIn(expired, offered)
        self.assertNotIn(held, offered)
        # a return to the vendor may take them
        line.location_dest_id = self.env.ref('stock.stock_location_suppliers')
        offered = self.env['stock.production.lot'].search(
            line._onchange_lot_domain_usable()['domain']['lot_id'])
        self.assertIn(expired, offered)

    def test_fefo_warning_names_the_expiry_date(self):
        soon = self.make_lot('MSG-SOON', utc(10))
        late = self.make_lot('MSG-LATE', utc(50))
        soon.write({'removal_date': utc(3)})
        picking = self.delivery(2)
        line = picking.move_line_ids
        self.assertEqual(line.lot_id, soon)
        result = line.sudo(self.worker).action_override_lot(late.id, 'closest pallet')
        warning = result['warning']
        self.assertIn(soon.life_date, warning)
        self.assertNotIn(soon.removal_date, warning)
        self.assertIn('expires', warning)

    def test_lot_change_warning_asks_for_the_reason(self):
        """The form's warning on a lot change says a reason is needed, also
        when it names the earlier expiry (FEFO)."""
        soon = self.make_lot('MSG-FIRST', utc(10))
        late = self.make_lot('MSG-SECOND', utc(50))
        line = self.delivery(2).move_line_ids.sudo(self.worker)
        self.assertEqual(line.lot_id, soon)
        # the line as the form edits it (nothing written)
        edited = line.new({name: line[name].id for name in (
            'move_id', 'product_id', 'product_uom_id', 'location_id', 'location_dest_id',
            'planned_lot_id')})
        edited.lot_id = late
        warning = edited._onchange_lot_id_override()['warning']
        self.assertEqual(warning['title'], 'Lot change')
        self.assertIn('MSG-FIRST expires earlier', warning['message'])
        self.assertIn('differs from the planned lot MSG-FIRST: give a reason',
                      warning['message'])

    def test_produce_wizard_refuses_a_blocked_lot(self):
        env = self.env
        planned = self.make_lot('BLK-PLANNED', utc(20))
        held = self.make_lot('BLK-HELD', utc(40))
        held.write({'quarantined': True, 'quarantine_reason': 'swab positive'})
        operator = factories.user(env, 'Produce Operator', 'blk_produce_operator', [
            'mrp.group_mrp_user', 'stock.group_stock_user', 'base.group_user'],
            email='blk_operator@example.com')
        finished = factories.product(env, 'BLK Smoothie', tracking='none')
        bom = factories.bom(env, finished, [(self.product, 1)])
        production = factories.production(env, finished, 2, bom)
        production.action_assign()
        self.assertEqual(production.move_raw_ids.move_line_ids.lot_id, planned)
        produce = env['mrp.product.produce'].sudo(operator).with_context(
            active_id=production.id).create({})
        produce.produce_line_ids.write({'lot_id': held.id, 'qty_done': 2,
                                        'lot_override_reason': 'at hand'})
        with self.assertRaisesRegex(UserError, 'quarantined'):
            produce.do_produce()
        lines = production.move_raw_ids.mapped('move_line_ids')
        lines.invalidate_cache()
        self.assertEqual(lines.mapped('lot_id'), planned)
        self.assertFalse(sum(lines.mapped('qty_done')))
        self.assertFalse(env['lot.override.log'].search([('actual_lot_id', '=', held.id)]))


class TestProductionScanSplit(FefoCase):
    """A manufacturing order without work orders scans like a transfer."""

    def test_scan_then_override_on_a_production(self):
        data = ScanData(self.env, tag='OVR')
        factories.add_stock(self.env, data.milk, data.stock, 4, lot=data.lot_b)
        production = data.production
        line = data.lines(production, data.milk)
        self.assertEqual((line.lot_id, line.product_uom_qty), (data.lot_a, 6.0))
        for _count in range(2):
            self.assertEqual(production.lot_scan('MILK-A')['code'], 'matched')
        answer = production.lot_scan('MILK-B', reason='MILK-A crate is open')
        self.assertEqual((answer['status'], answer['code']), ('warning', 'lot_not_planned'))
        new = data.lines(production, data.milk) - line
        self.assertEqual((line.lot_id, line.qty_done, line.product_uom_qty),
                         (data.lot_a, 2.0, 5.0))
        self.assertEqual((new.lot_id, new.qty_done, new.product_uom_qty),
                         (data.lot_b, 1.0, 1.0))
        self.assertEqual(production.move_raw_ids.filtered(
            lambda move: move.product_id == data.milk).reserved_availability, 6.0)
        log = self.env['lot.override.log'].search([('production_id', '=', production.id)])
        self.assertEqual((log.planned_lot_id, log.actual_lot_id, log.move_line_id),
                         (data.lot_a, data.lot_b, new))
