# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One rule on every path: a lot expiring this second is blocked alike by the
reservation (SQL filter), the scan, the validation, a lot change and the
lot form's "Expired" flag; the label date of a scan is compared in UTC,
whatever the user's timezone. Also the integrity fixes around lots:
sequences, quarantine un-reserving, install hook."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from odoo.addons.lot_traceability import hooks
from odoo.addons.lot_traceability.tools import gs1

import factories
from fefo_common import FefoCase, utc

GTIN = '0' + '950600055555' + gs1.gtin_check_digit('0950600055555')


class TestOneRuleEveryPath(FefoCase):

    def setUp(self):
        super(TestOneRuleEveryPath, self).setUp()
        now = datetime.utcnow().replace(microsecond=0)
        # reached this second / a second ago / still five minutes to go
        self.now_lot = self.make_lot('R-NOW', fields.Datetime.to_string(now))
        self.past_lot = self.make_lot(
            'R-PAST', fields.Datetime.to_string(now - timedelta(seconds=1)))
        self.soon_lot = self.make_lot(
            'R-SOON', fields.Datetime.to_string(now + timedelta(minutes=5)))

    def test_reservation_and_sql_filter(self):
        blocked = self.env['stock.production.lot']._blocked_lot_ids(self.product)
        self.assertIn(self.now_lot.id, blocked)
        self.assertIn(self.past_lot.id, blocked)
        self.assertNotIn(self.soon_lot.id, blocked)
        picking = self.delivery(15)
        self.assertEqual(self.reserved(picking), [('R-SOON', 10.0)])

    def test_expired_flag_and_its_search(self):
        self.assertTrue(self.now_lot.is_expired)
        self.assertTrue(self.past_lot.is_expired)
        self.assertFalse(self.soon_lot.is_expired)
        Lot = self.env['stock.production.lot']
        found = Lot.search([('product_id', '=', self.product.id), ('is_expired', '=', True)])
        self.assertEqual(found, self.now_lot | self.past_lot)
        found = Lot.search([('product_id', '=', self.product.id), ('is_expired', '=', False)])
        self.assertEqual(found, self.soon_lot)

    def test_scan(self):
        picking = self.delivery(4)
        for lot in (self.now_lot, self.past_lot):
            answer = picking.sudo(self.worker).lot_scan(lot.name)
            self.assertEqual(answer['code'], 'expired', answer)
        answer = picking.sudo(self.worker).lot_scan(self.soon_lot.name)
        self.assertEqual((answer['status'], answer['code']), ('ok', 'matched'), answer)

    def test_lot_change_and_validation(self):
        picking = self.delivery(4)
        line = picking.move_line_ids
        for lot in (self.now_lot, self.past_lot):
            with self.assertRaisesRegex(UserError, 'expired'):
                line.sudo(self.worker).action_override_lot(lot.id, 'at hand')
            self.assertTrue(lot._usability_error())
        self.assertFalse(self.soon_lot._usability_error())
        # the lot reserved expires before the validation: refused
        line.qty_done = 4
        line.lot_id.life_date = fields.Datetime.now()
        with self.assertRaisesRegex(UserError, 'expired'):
            picking.sudo(self.worker).action_done()

    def test_quarantine_wins_on_every_path(self):
        self.now_lot.sudo(self.manager).action_quarantine('Lab')
        self.assertEqual(self.now_lot._scan_blocking_reason(), 'quarantined')
        self.assertIn('quarantined', self.now_lot._usability_error())
        picking = self.delivery(4)
        self.assertEqual(picking.lot_scan('R-NOW')['code'], 'quarantined')

    def test_label_date_is_compared_in_utc_not_in_the_user_timezone(self):
        product = self.make_product('Rule GTIN', barcode=GTIN)
        receipt = factories.picking(self.env, self.warehouse.in_type_id,
                                    self.env.ref('stock.stock_location_suppliers'), self.stock,
                                    [(product, 5)])
        today = datetime.utcnow().date()
        if datetime.utcnow().hour >= 12:
            # the user's date is already tomorrow: a label ending today (UTC) is valid
            tz, label, expected = 'Pacific/Kiritimati', today, 'matched'
        else:
            # the user's date is still yesterday: a label that ended yesterday is expired
            tz, label, expected = 'Pacific/Pago_Pago', today - timedelta(days=1), 'expired'
        self.worker.tz = tz
        code = gs1.encode([('01', GTIN), ('17', label), ('10', 'R-TZ')],
                          prefix=']C1')
        answer = receipt.sudo(self.worker).with_context(tz=tz).lot_scan(code)
        self.assertEqual(answer['code'], expected, answer)


class TestLotIntegrity(FefoCase):

    def test_only_lot_sequences_of_the_company(self):
        Seq = self.env['ir.sequence']
        invoice_like = Seq.create({'name': 'Invoices', 'code': 'account.invoice',
                                   'implementation': 'no_gap', 'prefix': 'INV/'})
        with self.assertRaisesRegex(ValidationError, 'not a lot sequence'):
            self.product.product_tmpl_id.sudo(self.manager).lot_sequence_id = invoice_like
        with self.assertRaisesRegex(ValidationError, 'code'):
            Seq.sudo(self.manager).create({'name': 'Sneaky', 'code': 'account.invoice',
                                           'lot_sequence': True})
        other = self.env['res.company'].create({'name': 'Rule Other Co'})
        foreign = Seq.create({'name': 'Other lots', 'prefix': 'OTH-', 'lot_sequence': True,
                              'company_id': other.id})
        template = self.product.product_tmpl_id
        template.company_id = self.env.user.company_id
        with self.assertRaisesRegex(ValidationError, 'belongs to the company'):
            template.sudo(self.manager).lot_sequence_id = foreign
        # re-checked at use: a sequence moved to another company is skipped
        shared = Seq.create({'name': 'Shared lots', 'prefix': 'SH-', 'lot_sequence': True})
        template.lot_sequence_id = shared
        Lot = self.env['stock.production.lot']
        company = self.env.user.company_id
        self.assertTrue(Lot._next_lot_name(self.product, company).startswith('SH-'))
        shared.company_id = other
        self.assertFalse(Lot._next_lot_name(self.product, company).startswith('SH-'))

    def test_sequence_with_step_zero_does_not_loop(self):
        seq = self.env['ir.sequence'].create({
            'name': 'Stuck', 'prefix': 'ST-', 'padding': 3, 'lot_sequence': True,
            'implementation': 'no_gap', 'number_increment': 0})
        self.product.product_tmpl_id.lot_sequence_id = seq
        Lot = self.env['stock.production.lot']
        company = self.env.user.company_id
        name = Lot._next_lot_name(self.product, company)
        Lot.create({'name': name, 'product_id': self.product.id})
        with self.assertRaisesRegex(UserError, 'Stuck'):
            Lot._next_lot_name(self.product, company)

    def test_quarantine_keeps_counted_lines(self):
        lot_soon = self.make_lot('K-SOON', utc(5))
        self.make_lot('K-LATE', utc(50))
        picking = self.delivery(4)
        line = picking.move_line_ids
        self.assertEqual(line.lot_id, lot_soon)
        line.qty_done = 2
        lot_soon.sudo(self.manager).action_quarantine('Smell')
        self.assertTrue(line.exists())
        self.assertEqual(line.qty_done, 2)
        self.assertEqual(line.product_uom_qty, 0)
        self.assertEqual(lot_soon.quant_ids.reserved_quantity, 0)
        self.assertEqual(sorted(self.reserved(picking)), [('K-LATE', 4.0), ('K-SOON', 0.0)])

    def test_quarantine_reaches_other_company_documents(self):
        lot = self.make_lot('K-OTHER', utc(5))
        other = self.env['res.company'].create({'name': 'Rule Other Co 2'})
        picking = self.delivery(2)
        picking.company_id = other
        picking.move_lines.write({'company_id': other.id})
        self.assertEqual(picking.move_line_ids.lot_id, lot)
        self.assertNotIn(other, self.manager.company_ids)
        lot.sudo(self.manager).action_quarantine('Recall')
        self.assertTrue(lot.quarantined)
        self.assertFalse(picking.move_line_ids.filtered(lambda ml: ml.lot_id == lot))

    def test_install_gives_lots_the_company_of_their_stock(self):
        other = self.env['res.company'].create({'name': 'Rule Other Co 3'})
        location = self.env['stock.location'].create({
            'name': 'Other stock', 'usage': 'internal', 'company_id': other.id})
        stocked = self.make_lot('H-STOCK', utc(5), location=location)
        moved = self.make_lot('H-MOVED', utc(5), qty=0)
        picking = self.delivery(1)
        picking.company_id = other
        picking.move_lines.write({'company_id': other.id})
        self.env['stock.move.line'].create({
            'move_id': picking.move_lines.id, 'picking_id': picking.id,
            'product_id': self.product.id, 'product_uom_id': self.product.uom_id.id,
            'location_id': self.stock.id, 'location_dest_id': self.customers.id,
            'lot_id': moved.id, 'qty_done': 1})
        main = self.env.ref('base.main_company')
        self.env.cr.execute('UPDATE stock_production_lot SET company_id = %s WHERE id IN %s',
                            (main.id, (stocked.id, moved.id)))
        self.assertGreaterEqual(hooks.assign_lot_companies(self.env.cr), 2)
        self.env['stock.production.lot'].invalidate_cache()
        self.assertEqual(stocked.company_id, other)
        self.assertEqual(moved.company_id, other)
