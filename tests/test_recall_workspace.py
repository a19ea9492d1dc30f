# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The recall workspace on the demo story: totals net of returns with the unit,
every customer of the lots at risk, sums only where they mean something,
supplier quality without drills, recall records as evidence."""
from odoo.exceptions import AccessError, UserError

import factories
from test_demo_story import DemoCase


class WorkspaceCase(DemoCase):

    def setUp(self):
        super(WorkspaceCase, self).setUp()
        self.user = factories.user(
            self.env, 'Plain stock user', 'ws_stock_user',
            ['stock.group_stock_user', 'stock.group_production_lot'], email='ws@example.com')

    def recall_of(self, *names, **vals):
        lots = self.env['stock.production.lot'].browse([self.lot(n).id for n in names])
        vals = dict({'reason': 'Customer complaint', 'direction': 'downstream',
                     'lot_ids': [(6, 0, lots.ids)]}, **vals)
        recall = self.env['lot.recall'].create(vals)
        recall.action_compute()
        return recall


class TestNumbers(WorkspaceCase):

    def test_recall_customers_show_delivered_returned_net_with_unit(self):
        recall = self.recall_of('GRN-0001')
        deli = recall.customer_ids.filtered(
            lambda c: c.partner_id == self.ref('demo_customer_corner_deli'))
        unit = self.lot('GRN-0001').product_id.uom_id.name
        self.assertEqual((deli.delivered_qty, deli.returned_qty, deli.qty), (30.0, 10.0, 20.0))
        self.assertEqual(deli.uom_name, unit)
        self.assertEqual(deli.lot_details, 'GRN-0001: delivered 30 %s, returned 10 %s, net 20 %s'
                         % (unit, unit, unit))
        freshmart = recall.customer_ids.filtered(
            lambda c: c.partner_id == self.ref('demo_customer_freshmart'))
        self.assertEqual((freshmart.delivered_qty, freshmart.returned_qty), (40.0, 0.0))
        self.assertIn(
            '100 %s delivered, 10 %s returned, 90 %s net at customers' % (unit, unit, unit),
            recall.quantity_summary)

    def test_other_lots_at_risk_list_every_customer(self):
        action = self.lot('GRN-0001').action_root_cause()
        cause = self.env[action['res_model']].browse(action['res_id'])
        grn2 = cause.at_risk_ids.filtered(lambda line: line.lot_id == self.lot('GRN-0002'))
        self.assertEqual(len(grn2), 1)
        self.assertEqual(grn2.customer_ids, self.customers('demo_customer_green_basket',
                                                           'demo_customer_freshmart'))

    def test_grouped_lines_never_sum_levels_or_mixed_units(self):
        recall = self.recall_of('HZN-0001')
        for model, domain in (('lot.recall.line', [('recall_id', '=', recall.id)]),):
            groups = self.env[model].read_group(domain, ['level', 'qty', 'partner_id'],
                                                ['partner_id'])
            self.assertTrue(groups)
            for group in groups:
                self.assertNotIn('level', group)
                self.assertNotIn('qty', group)
        for model in ('lot.root.cause.line', 'lot.trace.line', 'lot.customer.balance',
                      'lot.recall.customer'):
            fields = self.env[model]._fields
            for name in ('level', 'qty', 'delivered_qty', 'returned_qty', 'net_qty'):
                if name in fields:
                    self.assertFalse(fields[name].group_operator, '%s.%s' % (model, name))

    def test_customer_lots_received_with_delivered_qty_and_date(self):
        deli = self.ref('demo_customer_corner_deli')
        action = deli.action_view_lots_received()
        rows = self.env[action['res_model']].search(action['domain'])
        self.assertEqual(rows.mapped('lot_id.name'), ['GRN-0001'])
        self.assertEqual((rows.delivered_qty, rows.returned_qty, rows.net_qty), (30.0, 10.0, 20.0))
        self.assertTrue(rows.last_date and rows.last_return_date)
        self.assertEqual(rows.uom_id, self.lot('GRN-0001').product_id.uom_id)

    def test_supplier_quality_ignores_drills_and_traces_returns_to_supplier_lots(self):
        Report = self.env['lot.supplier.quality.report']
        honey = Report.search([('lot_id', '=', self.lot('HNY-0001').id)])
        self.assertEqual(len(honey), 1)
        self.assertTrue(self.ref('demo_recall_drill_honey').is_drill)
        self.assertEqual(honey.recall_lot_count, 0, 'the drill is no recall')
        # Corner Deli returned GRN-0001: the vendor lots inside it came back too
        for name in ('HNY-0001', 'HZN-0001', 'OAT-0001'):
            row = Report.search([('lot_id', '=', self.lot(name).id)])
            self.assertEqual(row.returned_lot_count, 1, name)
        self.assertEqual(Report.search([('lot_id', '=', self.lot('HZN-0002').id)])
                         .returned_lot_count, 0)
        # a real recall counts
        self.recall_of('HNY-0001')
        Report.invalidate_cache()
        self.assertEqual(Report.search([('lot_id', '=', self.lot('HNY-0001').id)])
                         .recall_lot_count, 1)


class TestScreens(WorkspaceCase):

    def test_display_names_of_trace_and_root_cause(self):
        lot = self.lot('GRN-0001')
        trace = self.env['lot.trace'].browse(lot.action_open_trace_downstream()['res_id'])
        self.assertEqual(trace.display_name, 'Trace of GRN-0001')
        action = lot.action_root_cause()
        cause = self.env[action['res_model']].browse(action['res_id'])
        self.assertEqual(cause.display_name, 'Root cause of GRN-0001')

    def test_quarantine_with_nothing_left_says_what_is_blocked_and_by_whom(self):
        recall = self.recall_of('GRN-0001')
        lot = self.lot('GRN-0001')
        self.assertTrue(lot.quarantined)
        action = recall.action_quarantine_affected()
        self.assertEqual(action['tag'], 'lot_traceability.notify')
        message = action['params']['message']
        self.assertIn('GRN-0001', message)
        self.assertIn(lot.quarantine_user_id.name, message)
        self.assertIn(lot, recall.affected_stock_lot_ids)

    def test_notify_shows_the_rendered_letter_per_customer(self):
        recall = self.recall_of('GRN-0001')
        action = recall.action_notify_customers()
        wizard = self.env[action['res_model']].browse(action['res_id'])
        self.assertEqual(len(wizard.line_ids), len(recall.customer_ids.filtered('email')))
        self.assertTrue(wizard.line_ids)
        customers = wizard.line_ids.mapped('customer_id')
        letters = wizard._letters(customers, wizard.customer_message)
        for customer in customers:
            body, subject = letters[customer.id]['body_html'], letters[customer.id]['subject']
            self.assertNotIn('${', body + subject)
            self.assertIn(customer.name, body)
            # each lot with its product
            self.assertIn('[AC-FG-GRN500] Crunchy Granola 500 g</strong>, lot '
                          '<strong>GRN-0001</strong>', body)
            self.assertNotIn('Customer complaint', body)  # the internal reason
            self.assertIn(recall.name, subject)
        mails_before = self.env['mail.mail'].search([]).ids
        wizard.action_send()
        mails = self.env['mail.mail'].search([('id', 'not in', mails_before),
                                              ('model', '=', 'lot.recall.customer')])
        self.assertEqual(len(mails), len(wizard.line_ids))


class TestEvidence(WorkspaceCase):

    def test_users_read_lines_and_customers_but_never_write_them(self):
        recall = self.recall_of('GRN-0001')
        line = recall.line_ids[:1].sudo(self.user)
        customer = recall.customer_ids[:1].sudo(self.user)
        self.assertTrue(line.lot_name and customer.name)
        with self.assertRaises(AccessError):
            line.write({'qty': 1.0})
        with self.assertRaises(AccessError):
            customer.write({'qty': 1.0})
        with self.assertRaises(AccessError):
            customer.unlink()
        with self.assertRaises(AccessError):
            self.env['lot.recall.line'].sudo(self.user).create({
                'recall_id': recall.id, 'kind': 'delivery'})
        # the trace itself, run by the user, still writes them
        recall.sudo(self.user).action_compute()
        self.assertTrue(recall.line_ids)

    def test_timings_are_not_written_by_hand(self):
        recall = self.recall_of('GRN-0001').sudo(self.user)
        for vals in ({'date_first_export': '2020-01-01 00:00:00'}, {'compute_seconds': 0.1},
                     {'state': 'closed'}, {'snapshot': '[]'}):
            with self.assertRaises(UserError):
                recall.write(vals)
        with self.assertRaises(UserError):
            self.env['lot.recall'].create({'reason': 'x', 'date_open': '2020-01-01 00:00:00'})
        # what the web client sends for a new recall (its defaults) is fine
        draft = self.env['lot.recall'].sudo(self.user).create({
            'reason': 'x', 'state': 'draft', 'line_ids': [], 'date_open': False})
        self.assertEqual(draft.state, 'draft')

    def test_closed_recall_cannot_be_edited(self):
        recall = self.recall_of('GRN-0001')
        recall.action_close()
        with self.assertRaises(UserError):
            recall.sudo(self.user).write({'reason': 'rewritten afterwards'})
        with self.assertRaises(UserError):
            recall.write({'is_drill': True})
        recall.message_post(body='A note on a closed recall is fine')
        self.env['lot.recall.reopen'].create({
            'recall_id': recall.id, 'reason': 'Reason corrected'}).action_confirm()
        recall.write({'reason': 'Reopened and corrected'})

    def test_export_button_records_first_export_and_content_writes_nothing(self):
        recall = self.recall_of('GRN-0001')
        content, counts = recall._xlsx_content()
        self.assertTrue(content.startswith(b'PK'))
        self.assertFalse(recall.date_first_export, 'producing the workbook writes nothing')
        action = recall.action_export_xlsx()
        self.assertEqual(action['tag'], 'lot_traceability.download')
        self.assertEqual(action['params']['url'], '/lot_traceability/recall/%d/xlsx' % recall.id)
        first = recall.date_first_export
        self.assertTrue(first)
        self.assertGreater(recall.export_seconds, 0.0)
        recall.action_export_xlsx()
        self.assertEqual(recall.date_first_export, first)


class TestDocumentScreens(WorkspaceCase):

    def test_receipt_lists_its_lots_as_received_not_as_a_pick_list(self):
        receipt = self.ref('demo_po_oats_1').picking_ids.filtered(lambda p: p.state == 'done')
        self.assertTrue(receipt)
        self.assertFalse(receipt.pick_guidance_line_ids, 'nothing is picked from a vendor')
        self.assertEqual(receipt.received_lot_line_ids.mapped('lot_id.name'), ['OAT-0001'])
        delivery = self.ref('demo_so_freshmart_1').picking_ids.filtered(
            lambda p: p.location_dest_id.usage == 'customer')
        self.assertTrue(delivery.pick_guidance_line_ids)
        self.assertFalse(delivery.received_lot_line_ids)

    def test_components_to_fetch_have_lots(self):
        production = self.ref('demo_mo_granola_4')
        lines = production.pick_guidance_line_ids
        self.assertTrue(lines)
        self.assertTrue(all(line.lot_id for line in lines
                            if line.product_id.tracking != 'none'))
        self.assertEqual(set(lines.mapped('lot_id.name')), {'PMX-0002', 'OAT-0001'})
