# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reservation follows FEFO (perishables) / FIFO by default and never takes
expired, quarantined or too-short-shelf-life lots."""
from datetime import datetime, time, timedelta

from odoo import fields

from fefo_common import FefoCase, utc


class TestFefoReservation(FefoCase):

    def test_fefo_order_with_ties_broken_by_incoming_date(self):
        self.make_lot('L-LATE', utc(30), in_date=utc(-20))
        # same expiry: the one received first goes first, whatever the ids
        same_expiry = utc(5)
        self.make_lot('L-TIE-NEW', same_expiry, in_date=utc(-1))
        self.make_lot('L-TIE-OLD', same_expiry, in_date=utc(-3))
        picking = self.delivery(25)
        self.assertEqual(picking.state, 'assigned')
        self.assertEqual(self.reserved(picking),
                         [('L-TIE-OLD', 10.0), ('L-TIE-NEW', 10.0), ('L-LATE', 5.0)])

    def test_product_without_expiry_is_fifo(self):
        product = self.make_product('Bolts FIFO')
        self.make_lot('B-NEW', product=product, in_date=utc(-1))
        self.make_lot('B-OLD', product=product, in_date=utc(-9))
        picking = self.delivery(12, product=product)
        self.assertEqual(self.reserved(picking), [('B-OLD', 10.0), ('B-NEW', 2.0)])

    def test_category_strategy_wins_over_default(self):
        self.category.removal_strategy_id = self.env.ref('stock.removal_lifo')
        self.make_lot('C-SOON-OLD', utc(3), in_date=utc(-10))
        self.make_lot('C-LATE-NEW', utc(90), in_date=utc(-1))
        picking = self.delivery(5)
        self.assertEqual(self.reserved(picking), [('C-LATE-NEW', 5.0)])

    def test_lot_expired_earlier_today_is_skipped(self):
        now = datetime.utcnow()
        earlier_today = max(datetime.combine(now.date(), time(0, 0)), now - timedelta(minutes=30))
        self.make_lot('E-TODAY', fields.Datetime.to_string(earlier_today), in_date=utc(-5))
        self.make_lot('E-GOOD', utc(2), in_date=utc(-1))
        picking = self.delivery(15)
        self.assertEqual(self.reserved(picking), [('E-GOOD', 10.0)])
        self.assertEqual(picking.move_lines.state, 'partially_available')
        self.assertIn('E-TODAY', picking.lot_reservation_issue)
        self.assertIn('expired', picking.lot_reservation_issue)

    def test_nothing_valid_left_stays_unreserved_and_says_why_once(self):
        self.make_lot('X-OLD', utc(-1))
        lot_q = self.make_lot('X-QUAR', utc(20))
        lot_q.sudo(self.manager).action_quarantine('lab test pending')
        picking = self.delivery(5)
        self.assertEqual(picking.move_lines.state, 'confirmed')
        self.assertFalse(picking.move_line_ids)
        self.assertIn('X-OLD', picking.lot_reservation_issue)
        self.assertIn('X-QUAR', picking.lot_reservation_issue)
        self.assertIn('quarantined', picking.lot_reservation_issue)

        def notes():
            return picking.message_ids.filtered(lambda m: 'not fully reserved' in (m.body or ''))
        self.assertEqual(len(notes()), 1)
        picking.action_assign()
        picking.action_assign()
        self.assertEqual(len(notes()), 1)
        # valid stock arrives: the next check reserves it and clears the reason
        self.make_lot('X-NEW', utc(40))
        picking.action_assign()
        self.assertEqual(self.reserved(picking), [('X-NEW', 5.0)])
        self.assertFalse(picking.lot_reservation_issue)

    def test_customer_minimum_shelf_life(self):
        self.customer.min_shelf_life_days = 30
        contact = self.env['res.partner'].create({
            'name': 'Goods receiving', 'parent_id': self.customer.id, 'type': 'delivery'})
        self.make_lot('S-SHORT', utc(10), in_date=utc(-5))
        self.make_lot('S-LONG', utc(60), in_date=utc(-1))
        picking = self.delivery(5, partner=contact)
        self.assertEqual(self.reserved(picking), [('S-LONG', 5.0)])
        # another customer without a minimum gets the first expiring lot
        other = self.env['res.partner'].create({'name': 'Any Shop', 'is_company': True})
        picking2 = self.delivery(5, partner=other)
        self.assertEqual(self.reserved(picking2), [('S-SHORT', 5.0)])

    def test_shelf_life_blocks_everything_and_explains(self):
        self.customer.min_shelf_life_days = 30
        self.make_lot('T-SHORT', utc(10))
        picking = self.delivery(5)
        self.assertFalse(picking.move_line_ids)
        self.assertIn('T-SHORT', picking.lot_reservation_issue)
        self.assertIn('shelf life', picking.lot_reservation_issue)

    def test_native_flag_chooses_the_order_never_a_blocked_lot(self):
        """The context flag gives Odoo's removal order (FIFO here, where ours
        is FEFO); expired lots stay out whatever the context."""
        self.make_lot('N-EXPIRED', utc(-1), in_date=utc(-9))
        self.make_lot('N-FIRST-IN', utc(60), in_date=utc(-5))
        self.make_lot('N-SOON', utc(20), in_date=utc(-1))
        picking = self.delivery(5)
        self.assertEqual(self.reserved(picking), [('N-SOON', 5.0)])
        picking.do_unreserve()
        picking.move_lines.with_context(lot_native_reservation=True)._action_assign()
        self.assertEqual(self.reserved(picking), [('N-FIRST-IN', 5.0)])

    def test_mo_components_are_reserved_fefo(self):
        env = self.env
        finished = env['product.product'].create({'name': 'Fruit salad', 'type': 'product'})
        bom = env['mrp.bom'].create({
            'product_tmpl_id': finished.product_tmpl_id.id, 'product_qty': 1,
            'bom_line_ids': [(0, 0, {'product_id': self.product.id, 'product_qty': 2})]})
        self.make_lot('M-LATE', utc(50), in_date=utc(-9))
        self.make_lot('M-EXPIRED', utc(-2), in_date=utc(-9))
        self.make_lot('M-SOON', utc(4), in_date=utc(-1))
        production = env['mrp.production'].create({
            'product_id': finished.id, 'product_qty': 6, 'product_uom_id': finished.uom_id.id,
            'bom_id': bom.id,
            'location_src_id': self.stock.id, 'location_dest_id': self.stock.id,
        })
        production.action_assign()
        raw = production.move_raw_ids
        self.assertEqual(self.reserved(raw), [('M-SOON', 10.0), ('M-LATE', 2.0)])
        guidance = production.pick_guidance_line_ids
        self.assertEqual(guidance.mapped('lot_id.name'), ['M-SOON', 'M-LATE'])
        self.assertTrue(all(line.lot_life_date for line in guidance))
