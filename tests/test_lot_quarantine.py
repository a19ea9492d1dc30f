# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quarantine: manager only, logged, un-reserves the lot and re-reserves
from valid stock; validating a blocked lot is refused."""
from odoo.exceptions import AccessError, UserError

from fefo_common import FefoCase, utc


class TestLotQuarantine(FefoCase):

    def test_quarantine_unreserves_and_rereserves_from_valid_stock(self):
        lot_a = self.make_lot('Q-A', utc(5))
        self.make_lot('Q-B', utc(9))
        picking = self.delivery(4)
        self.assertEqual(self.reserved(picking), [('Q-A', 4.0)])

        lot_a.sudo(self.manager).action_quarantine('Supplier recall R-17')

        self.assertTrue(lot_a.quarantined)
        self.assertEqual(lot_a.quarantine_reason, 'Supplier recall R-17')
        self.assertEqual(lot_a.quarantine_user_id, self.manager)
        self.assertTrue(lot_a.quarantine_date)
        self.assertEqual(self.reserved(picking), [('Q-B', 4.0)])
        self.assertEqual(picking.move_lines.state, 'assigned')
        quant_a = lot_a.quant_ids.filtered(lambda q: q.location_id == self.stock)
        self.assertEqual(quant_a.reserved_quantity, 0.0)
        self.assertTrue(lot_a.message_ids.filtered(
            lambda m: 'Supplier recall R-17' in (m.body or '')))
        self.assertTrue(picking.message_ids.filtered(lambda m: 'Q-A' in (m.body or '')))

    def test_release_makes_the_lot_reservable_again(self):
        lot = self.make_lot('R-A', utc(5))
        lot.sudo(self.manager).action_quarantine('Lab')
        picking = self.delivery(2)
        self.assertFalse(picking.move_line_ids)
        lot.sudo(self.manager).action_release('Lab result OK')
        self.assertFalse(lot.quarantined)
        self.assertFalse(lot.quarantine_reason)
        self.assertTrue(lot.message_ids.filtered(lambda m: 'Lab result OK' in (m.body or '')))
        picking.action_assign()
        self.assertEqual(self.reserved(picking), [('R-A', 2.0)])

    def test_quarantine_needs_a_reason(self):
        lot = self.make_lot('R-NONE', utc(5))
        with self.assertRaises(UserError):
            lot.sudo(self.manager).action_quarantine('  ')
        self.assertFalse(lot.quarantined)

    def test_plain_inventory_user_cannot_quarantine(self):
        lot = self.make_lot('R-USER', utc(5))
        with self.assertRaises(AccessError):
            lot.sudo(self.worker).action_quarantine('I think it smells')
        with self.assertRaises(AccessError):
            lot.sudo(self.worker).write({'quarantined': True})
        self.assertFalse(lot.quarantined)
        lot.sudo(self.manager).action_quarantine('Manager decision')
        with self.assertRaises(AccessError):
            lot.sudo(self.worker).action_release('let it go')
        self.assertTrue(lot.quarantined)

    def test_quarantine_wizard(self):
        lots = self.make_lot('W-1', utc(5)) | self.make_lot('W-2', utc(6))
        wizard = self.env['lot.quarantine.wizard'].sudo(self.manager).with_context(
            active_model='stock.production.lot', active_ids=lots.ids,
            lot_quarantine_mode='quarantine').create({'reason': 'Containment drill'})
        self.assertEqual(wizard.lot_ids, lots)
        wizard.action_confirm()
        self.assertEqual(lots.mapped('quarantined'), [True, True])

    def test_quarantine_wizard_refused_to_a_plain_inventory_user(self):
        # a transient model has no access rules: anyone may open the wizard,
        # confirming it checks the Inventory Manager group
        lot = self.make_lot('W-3', utc(5))
        for mode in ('quarantine', 'release'):
            wizard = self.env['lot.quarantine.wizard'].sudo(self.worker).with_context(
                active_model='stock.production.lot', active_ids=lot.ids,
                lot_quarantine_mode=mode).create({'reason': 'Worker decision'})
            with self.assertRaises(AccessError):
                wizard.action_confirm()
            if mode == 'quarantine':
                self.assertFalse(lot.quarantined)
                lot.sudo(self.manager).action_quarantine('Manager decision')
        self.assertTrue(lot.quarantined)

    def test_validating_an_expired_lot_is_refused(self):
        lot = self.make_lot('V-EXP', utc(5))
        picking = self.delivery(3)
        picking.move_line_ids.qty_done = 3
        lot.life_date = utc(0, hours=-1)
        with self.assertRaisesRegex(UserError, 'V-EXP'):
            picking.action_done()
        self.assertNotEqual(picking.state, 'done')

    def test_validating_a_quarantined_lot_is_refused(self):
        lot = self.make_lot('V-QUA', utc(5))
        picking = self.delivery(3)
        picking.move_line_ids.qty_done = 3
        # the worker already picked it; quarantine arrives: validation refuses
        picking.move_line_ids.with_context(bypass_reservation_update=True).write(
            {'product_uom_qty': 0})
        lot.sudo(self.manager).action_quarantine('Contamination suspected')
        line = picking.move_line_ids.filtered(lambda ml: ml.lot_id == lot)
        self.assertTrue(line)
        with self.assertRaisesRegex(UserError, 'quarantined'):
            picking.action_done()

    def test_scrapping_an_expired_lot_is_allowed(self):
        lot = self.make_lot('V-SCRAP', utc(-3))
        scrap = self.env['stock.scrap'].create({
            'product_id': self.product.id, 'product_uom_id': self.product.uom_id.id,
            'lot_id': lot.id, 'scrap_qty': 2, 'location_id': self.stock.id})
        scrap.action_validate()
        self.assertEqual(scrap.state, 'done')
        self.assertEqual(lot.product_qty, 8.0)
