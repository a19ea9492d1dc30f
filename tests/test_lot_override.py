# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Using another lot than the planned one needs a reason; the change is
logged and posted; FEFO breaks warn; expired/quarantined lots are refused."""
from odoo.exceptions import UserError

from fefo_common import FefoCase, utc


class TestLotOverride(FefoCase):

    def setUp(self):
        super(TestLotOverride, self).setUp()
        self.lot_soon = self.make_lot('O-SOON', utc(5))
        self.lot_late = self.make_lot('O-LATE', utc(50))
        self.picking = self.delivery(4)
        self.line = self.picking.move_line_ids
        self.assertEqual(self.line.lot_id, self.lot_soon)
        self.assertEqual(self.line.planned_lot_id, self.lot_soon)

    def test_change_without_reason_is_refused_where_a_person_changes_it(self):
        # the operation form sends the reason field with the lot
        with self.assertRaisesRegex(UserError, 'reason'):
            self.line.write({'lot_id': self.lot_late.id, 'lot_override_reason': ''})
        with self.assertRaises(UserError):
            self.line.action_override_lot(self.lot_late.id, '')
        with self.assertRaises(UserError):
            self.line.action_override_lot(self.lot_late.id, '   ')
        self.assertEqual(self.line.lot_id, self.lot_soon)
        self.assertFalse(self.env['lot.override.log'].search([('move_line_id', '=', self.line.id)]))

    def test_program_write_is_logged_without_reason(self):
        # a user's write (form, RPC, integration) needs the reason...
        with self.assertRaisesRegex(UserError, 'give a reason'):
            self.line.sudo(self.worker).write({'lot_id': self.lot_late.id})
        self.assertEqual(self.line.lot_id, self.lot_soon)
        # ...code running as superuser writes the lot of a reserved line
        self.line.write({'lot_id': self.lot_late.id})
        self.assertEqual(self.line.lot_id, self.lot_late)
        log = self.env['lot.override.log'].search([('move_line_id', '=', self.line.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.reason, 'not given')
        self.assertEqual(log.origin, 'write')
        self.assertEqual(log.user_id, self.env.user)
        self.assertEqual(log.planned_lot_id, self.lot_soon)
        self.assertEqual(log.company_id, self.picking.company_id)
        # the unusable lot stays refused on that path too
        expired = self.make_lot('O-EXPIRED-W', utc(-1))
        with self.assertRaisesRegex(UserError, 'expired'):
            self.line.write({'lot_id': expired.id})

    def test_no_context_key_skips_the_checks(self):
        # the keys that used to skip the reason and the log grant nothing
        self.line.with_context(lot_override_logged=True, lot_override_reason='ctx').write(
            {'lot_id': self.lot_late.id})
        log = self.env['lot.override.log'].search([('move_line_id', '=', self.line.id)])
        self.assertEqual(log.reason, 'not given')
        expired = self.make_lot('O-EXPIRED-C', utc(-1))
        with self.assertRaisesRegex(UserError, 'expired'):
            self.line.with_context(lot_override_logged=True).write({'lot_id': expired.id})

    def test_override_of_a_done_line_is_refused(self):
        self.line.qty_done = 4
        self.picking.action_done()
        self.assertEqual(self.line.state, 'done')
        with self.assertRaisesRegex(UserError, 'cannot be changed'):
            self.line.sudo(self.worker).action_override_lot(self.lot_late.id, 'wrong box')
        self.assertEqual(self.line.lot_id, self.lot_soon)

    def test_override_with_reason_is_logged_and_posted_with_fefo_warning(self):
        result = self.line.sudo(self.worker).action_override_lot(
            self.lot_late.id, 'O-SOON box is damaged')
        self.assertEqual(self.line.lot_id, self.lot_late)
        log = self.env['lot.override.log'].browse(result['override_log_id'])
        self.assertEqual(log.planned_lot_id, self.lot_soon)
        self.assertEqual(log.actual_lot_id, self.lot_late)
        self.assertEqual(log.user_id, self.worker)
        self.assertEqual(log.reason, 'O-SOON box is damaged')
        self.assertEqual(log.picking_id, self.picking)
        self.assertEqual(log.document, self.picking.name)
        self.assertEqual(log.origin, 'override')
        self.assertIn('FEFO', result['warning'])
        self.assertIn('O-SOON', log.fefo_warning)
        posted = self.picking.message_ids.filtered(
            lambda m: 'O-SOON box is damaged' in (m.body or ''))
        self.assertEqual(len(posted), 1)
        # the reservation followed the lot
        self.assertEqual(self.lot_late.quant_ids.reserved_quantity, 4.0)
        self.assertEqual(self.lot_soon.quant_ids.reserved_quantity, 0.0)

    def test_form_write_with_reason_field_is_logged(self):
        self.line.write({'lot_id': self.lot_late.id, 'lot_override_reason': 'Front of rack'})
        logs = self.env['lot.override.log'].search([('move_line_id', '=', self.line.id)])
        self.assertEqual(len(logs), 1)
        self.assertEqual(logs.reason, 'Front of rack')

    def test_override_to_an_earlier_lot_has_no_fefo_warning(self):
        lot_earlier = self.make_lot('O-EARLIER', utc(1))
        result = self.line.action_override_lot(lot_earlier.id, 'Found an older box')
        self.assertFalse(result['warning'])
        self.assertTrue(result['override_log_id'])

    def test_expired_or_quarantined_lot_is_refused(self):
        expired = self.make_lot('O-EXPIRED', utc(-1))
        with self.assertRaisesRegex(UserError, 'expired'):
            self.line.action_override_lot(expired.id, 'it was at hand')
        self.lot_late.sudo(self.manager).action_quarantine('Recall')
        with self.assertRaisesRegex(UserError, 'quarantined'):
            self.line.write({'lot_id': self.lot_late.id, 'lot_override_reason': 'at hand'})
        self.assertEqual(self.line.lot_id, self.lot_soon)
        self.assertFalse(self.env['lot.override.log'].search([('move_line_id', '=', self.line.id)]))

    def test_lot_of_another_product_is_refused(self):
        other = self.make_product('Other thing')
        lot = self.make_lot('O-OTHER', utc(9), product=other)
        with self.assertRaises(UserError):
            self.line.action_override_lot(lot.id, 'oops')

    def test_mo_consumption_override_needs_reason_and_is_logged(self):
        env = self.env
        finished = env['product.product'].create({'name': 'Smoothie', 'type': 'product'})
        bom = env['mrp.bom'].create({
            'product_tmpl_id': finished.product_tmpl_id.id, 'product_qty': 1,
            'bom_line_ids': [(0, 0, {'product_id': self.product.id, 'product_qty': 1})]})
        production = env['mrp.production'].create({
            'product_id': finished.id, 'product_qty': 2, 'product_uom_id': finished.uom_id.id,
            'bom_id': bom.id, 'location_src_id': self.stock.id, 'location_dest_id': self.stock.id})
        production.action_assign()
        self.assertEqual(production.move_raw_ids.move_line_ids.lot_id, self.lot_soon)

        def wizard(reason=False):
            produce = env['mrp.product.produce'].with_context(active_id=production.id).create({})
            line = produce.produce_line_ids
            self.assertEqual(line.planned_lot_id, self.lot_soon)
            line.write({'lot_id': self.lot_late.id, 'qty_done': 2, 'lot_override_reason': reason})
            return produce

        with self.assertRaisesRegex(UserError, 'reason'):
            wizard().do_produce()
        wizard('Soon lot is frozen solid').do_produce()
        log = env['lot.override.log'].search([('production_id', '=', production.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.planned_lot_id, self.lot_soon)
        self.assertEqual(log.actual_lot_id, self.lot_late)
        self.assertIn('FEFO', log.fefo_warning)
        self.assertTrue(production.message_ids.filtered(
            lambda m: 'Soon lot is frozen solid' in (m.body or '')))
        consumed = production.move_raw_ids.move_line_ids.filtered('qty_done')
        self.assertEqual(consumed.lot_id, self.lot_late)

    def test_lot_below_customer_shelf_life_is_refused(self):
        self.customer.min_shelf_life_days = 30
        short = self.make_lot('O-SHORT', utc(10))
        with self.assertRaisesRegex(UserError, 'customer accepts'):
            self.line.action_override_lot(short.id, 'closest pallet')
        result = self.line.action_override_lot(self.lot_late.id, 'long enough')
        self.assertTrue(result['override_log_id'])
