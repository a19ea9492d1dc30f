# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mass balance of lots on hand-built histories (real flows): every bucket,
transit and negative quants, the moves behind each figure, yield."""
from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase

import factories
from genealogy_factory import GenealogyFactory

KEYS = {'lot_id', 'uom', 'received', 'produced', 'returned', 'adjusted_in', 'consumed',
        'delivered', 'returned_to_vendor', 'scrapped', 'adjusted_out', 'on_hand',
        'on_hand_by_location', 'unexplained'}
ZERO = {key: 0.0 for key in KEYS - {'lot_id', 'uom', 'on_hand_by_location'}}


def inventory(env, lot, location, qty):
    """An inventory adjustment counting QTY of LOT at LOCATION."""
    adjustment = env['stock.inventory'].create({
        'name': 'Count %s' % lot.name, 'filter': 'lot', 'lot_id': lot.id,
        'location_id': location.id})
    adjustment.action_start()
    adjustment.line_ids.unlink()
    adjustment.write({'line_ids': [(0, 0, {
        'product_id': lot.product_id.id, 'prod_lot_id': lot.id, 'location_id': location.id,
        'product_qty': qty, 'product_uom_id': lot.product_id.uom_id.id})]})
    adjustment.action_done()
    assert adjustment.state == 'done', adjustment.state
    return adjustment


class MassBalanceCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(MassBalanceCase, cls).setUpClass()
        cls.f = f = GenealogyFactory(cls.env)
        cls.vendor = f.partner('Balance Resin Vendor')
        cls.customer = f.partner('Balance Customer')
        cls.resin = f.product('Balance Resin')
        cls.pellet = f.product('Balance Pellet')
        f.bom(cls.pellet, [(cls.resin, 2.0)])

    def balance(self, lot):
        [balance] = lot.mass_balance()
        self.assertEqual(set(balance), KEYS)
        return balance

    def assertBalance(self, lot, **expected):
        balance = self.balance(lot)
        want = dict(ZERO, **expected)
        got = {key: balance[key] for key in want}
        self.assertEqual(got, want)
        return balance


class TestMassBalance(MassBalanceCase):

    def test_every_bucket_of_a_received_and_consumed_lot(self):
        f = self.f
        resin_lot = f.lot(self.resin, 'MB-RESIN-1')
        f.receive(resin_lot, 100.0, self.vendor)
        # partly consumed over two orders, the second partly unbuilt
        _mo1, pellet_1 = f.produce(self.pellet, [(resin_lot, 30.0)], qty=15.0,
                                   lot=f.lot(self.pellet, 'MB-PELLET-1'))
        mo2, pellet_2 = f.produce(self.pellet, [(resin_lot, 20.0)], qty=10.0,
                                  lot=f.lot(self.pellet, 'MB-PELLET-2'))
        f.unbuild(mo2, pellet_2, 4.0)               # gives 8 resin back
        f.scrap(resin_lot, 5.0)
        stock = f.stock
        inventory(self.env, resin_lot, stock, 50.0)   # 100-30-20+8-5 = 53 counted 50: loss 3
        inventory(self.env, resin_lot, stock, 51.0)   # found 1 again: gain 1
        f._picking(f.type_out, stock, f.suppliers, self.vendor, resin_lot, 6.0)  # back to vendor
        balance = self.assertBalance(
            resin_lot, received=100.0, consumed=42.0, scrapped=5.0, adjusted_out=3.0,
            adjusted_in=1.0, returned_to_vendor=6.0, on_hand=45.0)
        self.assertEqual(balance['lot_id'], resin_lot.id)
        self.assertEqual(balance['uom'], self.resin.uom_id.name)
        self.assertEqual(balance['on_hand_by_location'], [{
            'location_id': stock.id, 'location_name': stock.complete_name,
            'usage': 'internal', 'qty': 45.0}])
        self.assertEqual(resin_lot.product_qty, 45.0)
        # the finished lots: produced (net of the unbuild), delivered, returned
        self.assertBalance(pellet_2, produced=6.0, on_hand=6.0)
        f.deliver(pellet_1, 12.0, self.customer)
        f.customer_return(pellet_1, 2.0, self.customer)
        self.assertBalance(pellet_1, produced=15.0, delivered=12.0, returned=2.0, on_hand=5.0)

    def test_the_lot_form_figures_open_the_moves_behind_them(self):
        f = self.f
        resin_lot = f.lot(self.resin, 'MB-RESIN-2')
        _po, receipt = f.receive(resin_lot, 10.0, self.vendor)
        order, _pellet = f.produce(self.pellet, [(resin_lot, 4.0)], qty=2.0)
        scrap = f.scrap(resin_lot, 1.0)
        self.assertEqual((resin_lot.mb_received, resin_lot.mb_consumed, resin_lot.mb_scrapped,
                          resin_lot.mb_on_hand, resin_lot.mb_unexplained),
                         (10.0, 4.0, 1.0, 5.0, 0.0))
        self.assertIn(f.stock.complete_name, resin_lot.mb_locations)

        def moves(bucket):
            action = resin_lot.with_context(
                mass_balance_bucket=bucket).action_view_mass_balance_moves()
            self.assertEqual(action['res_model'], 'stock.move.line')
            return self.env['stock.move.line'].search(action['domain'])

        self.assertEqual(moves('received'), receipt.move_line_ids)
        self.assertEqual(moves('consumed'), order.move_raw_ids.mapped('move_line_ids'))
        self.assertEqual(moves('scrapped'), scrap.move_id.move_line_ids)
        self.assertFalse(moves('delivered'))
        with self.assertRaises(UserError):
            resin_lot.with_context(mass_balance_bucket='nonsense').action_view_mass_balance_moves()
        stock = resin_lot.action_view_mass_balance_stock()
        self.assertEqual(sum(self.env['stock.quant'].search(stock['domain']).mapped('quantity')),
                         5.0)

    def test_stock_in_transit_is_unexplained_and_listed(self):
        f = self.f
        transit = self.env['stock.location'].create({
            'name': 'Balance truck', 'usage': 'transit',
            'location_id': self.env.ref('stock.stock_location_locations_virtual').id})
        resin_lot = f.lot(self.resin, 'MB-RESIN-3')
        f.receive(resin_lot, 10.0, self.vendor)
        f._picking(self.env.ref('stock.picking_type_internal'), f.stock, transit, self.vendor,
                   resin_lot, 4.0)
        balance = self.assertBalance(resin_lot, received=10.0, on_hand=6.0, unexplained=4.0)
        self.assertEqual([(loc['location_id'], loc['usage'], loc['qty'])
                          for loc in balance['on_hand_by_location']],
                         [(f.stock.id, 'internal', 6.0), (transit.id, 'transit', 4.0)])
        self.assertNotEqual(resin_lot.mb_unexplained, 0.0)
        self.assertIn('in transit', resin_lot.mb_locations)

    def test_negative_quant_shows_on_hand_below_zero(self):
        f = self.f
        resin_lot = f.lot(self.resin, 'MB-RESIN-4')
        f.receive(resin_lot, 10.0, self.vendor)
        f.deliver(resin_lot, 12.0, self.customer)     # more than there is: Odoo allows it
        balance = self.assertBalance(resin_lot, received=10.0, delivered=12.0, on_hand=-2.0)
        self.assertEqual([loc['qty'] for loc in balance['on_hand_by_location']], [-2.0])

    def test_quantities_in_another_unit_are_converted(self):
        f = self.f
        dozen = self.env.ref('product.product_uom_dozen')
        resin_lot = f.lot(self.resin, 'MB-RESIN-5')
        f.receive(resin_lot, 24.0, self.vendor)
        picking = factories.picking(self.env, f.type_out, f.stock, f.customers,
                                    [(self.resin, 1.0, dozen)], partner=self.customer)
        picking.do_unreserve()
        factories.done_line(self.env, picking.move_lines, resin_lot, 1.0)
        picking.action_done()
        self.assertBalance(resin_lot, received=24.0, delivered=12.0, on_hand=12.0)

    def test_moves_of_other_companies_are_left_out(self):
        f = self.f
        lot = f.lot(self.resin, 'MB-RESIN-8')
        f.receive(lot, 10.0, self.vendor)
        delivery = f.deliver(lot, 3.0, self.customer)
        other = self.env['res.company'].create({'name': 'MB Other Co'})
        user = factories.user(self.env, 'MB worker', 'mb_worker', ['stock.group_stock_user'])
        self.env.cr.execute('UPDATE stock_move SET company_id = %s WHERE id = ANY(%s)',
                            (other.id, delivery.move_lines.ids))
        [mine] = lot.sudo(user).mass_balance()
        self.assertEqual((mine['received'], mine['delivered'], mine['on_hand'],
                          mine['unexplained']), (10.0, 0.0, 7.0, 3.0))
        self.assertEqual(lot.mass_balance()[0]['delivered'], 3.0)   # superuser: everything

    def test_empty_and_several_lots(self):
        f = self.f
        self.assertEqual(self.env['stock.production.lot'].mass_balance(), [])
        lot_a, lot_b = f.lot(self.resin, 'MB-RESIN-6'), f.lot(self.resin, 'MB-RESIN-7')
        f.receive(lot_a, 3.0, self.vendor)
        balances = (lot_a | lot_b).mass_balance()
        self.assertEqual([b['lot_id'] for b in balances], sorted([lot_a.id, lot_b.id]))
        by_lot = {b['lot_id']: b for b in balances}
        self.assertEqual((by_lot[lot_a.id]['received'], by_lot[lot_b.id]['received']),
                         (3.0, 0.0))
        self.assertEqual(by_lot[lot_b.id]['on_hand_by_location'], [])

    def test_one_query_for_many_lots(self):
        """No query per lot or per move: 1 lot and 20 lots cost the same."""
        f = self.f
        lots = self.env['stock.production.lot']
        for index in range(20):
            lot = f.lot(self.resin, 'MB-MANY-%02d' % index)
            f.put_in_stock(lot, 1.0 + index)
            lots |= lot
        cr = self.env.cr
        lots[:1].mass_balance()
        before = cr.sql_log_count
        lots[:1].mass_balance()
        one = cr.sql_log_count - before
        before = cr.sql_log_count
        self.assertEqual(len(lots.mass_balance()), 20)
        self.assertEqual(cr.sql_log_count - before, one)
        # the balance, and two to switch PostgreSQL's JIT off and back
        # around it (tools/sql_plans.py)
        self.assertLessEqual(one, 5)


class TestYield(MassBalanceCase):

    def test_root_cause_shows_the_variance_per_component_lot(self):
        f = self.f
        lot_a, lot_b = f.lot(self.resin, 'YLD-RESIN-A'), f.lot(self.resin, 'YLD-RESIN-B')
        f.put_in_stock(lot_a, 100.0)
        f.put_in_stock(lot_b, 100.0)
        # the BoM asks 2 resin per pellet: 10 pellets should take 20
        _order, pellet = f.produce(self.pellet, [(lot_a, 15.0), (lot_b, 10.0)], qty=10.0,
                                   lot=f.lot(self.pellet, 'YLD-PELLET-1'))
        action = pellet.action_root_cause()
        wizard = self.env['lot.root.cause'].browse(action['res_id'])
        [line] = wizard.yield_ids
        self.assertEqual((line.product_id, line.expected, line.consumed, line.variance,
                          line.variance_pct), (self.resin, 20.0, 25.0, 5.0, 25.0))
        self.assertEqual(line.component_lot_ids, lot_a | lot_b)
        self.assertEqual(line.lot_quantities, 'YLD-RESIN-A: 15, YLD-RESIN-B: 10')
        self.assertTrue(wizard.yield_variance)

    def test_on_target_order_has_no_variance(self):
        f = self.f
        lot_a = f.lot(self.resin, 'YLD-RESIN-C')
        f.put_in_stock(lot_a, 100.0)
        _order, pellet = f.produce(self.pellet, [(lot_a, 8.0)], qty=4.0)
        wizard = self.env['lot.root.cause'].browse(pellet.action_root_cause()['res_id'])
        self.assertEqual([(y.expected, y.consumed, y.variance) for y in wizard.yield_ids],
                         [(8.0, 8.0, 0.0)])
        self.assertFalse(wizard.yield_variance)
