# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recall cases on a real two-level genealogy: who is affected, containment,
the drill record, the snapshot, customer notices, XLSX and PDF."""
import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase

import factories
from recall_common import build_scenario


class RecallCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(RecallCase, cls).setUpClass()
        cls.s = build_scenario(cls.env, 'RC')
        cls.manager = factories.user(
            cls.env, 'Quality Manager RC', 'quality_manager_rc',
            ['stock.group_stock_manager', 'base.group_user'], email='qm@example.com')

    def recall(self, lots, direction='downstream', **vals):
        values = {'reason': 'Supplier reports salmonella in flour', 'direction': direction,
                  'lot_ids': [(6, 0, lots.ids)]}
        values.update(vals)
        return self.env['lot.recall'].sudo(self.manager).create(values)

    def forward_lots(self, recall):
        return recall.line_ids.filtered(
            lambda line: line.direction == 'downstream').mapped('lot_id')


class TestRecallTrace(RecallCase):

    def test_material_lot_reaches_finished_lots_and_customers_through_two_levels(self):
        s = self.s
        recall = self.recall(s.rm_lot)
        self.assertEqual(recall.state, 'draft')
        self.assertTrue(recall.name.startswith('RC/'))
        recall.action_compute()
        self.assertEqual(recall.state, 'open')
        self.assertTrue(recall.date_open and recall.date_computed)
        self.assertGreater(recall.compute_seconds, 0.0)
        lots = self.forward_lots(recall)
        self.assertEqual(lots & (s.sa_lot | s.fg_lot | s.fgb_lot), s.sa_lot | s.fg_lot | s.fgb_lot)
        self.assertFalse(lots & (s.rm2_lot | s.sa2_lot | s.fg2_lot))
        self.assertEqual(recall._affected_lots(), s.rm_lot | s.sa_lot | s.fg_lot | s.fgb_lot)
        customers = recall.customer_ids
        self.assertEqual(customers.mapped('partner_id'), s.customer_a | s.customer_b)
        by_partner = {c.partner_id: c for c in customers}
        contact_a = by_partner[s.customer_a]
        # delivered 4, returned 1: net 3, each shown with the unit
        self.assertEqual((contact_a.delivered_qty, contact_a.returned_qty, contact_a.qty),
                         (4.0, 1.0, 3.0))
        self.assertEqual(contact_a.uom_name, s.fg_lot.product_id.uom_id.name)
        self.assertEqual(contact_a.lot_names, s.fg_lot.name)
        self.assertEqual(contact_a.phone, '+1 555 0101')
        self.assertEqual(contact_a.email, 'a@example.com')
        self.assertIn('Baker Street', contact_a.address)
        self.assertIn(s.delivery_a.name, contact_a.references)
        self.assertEqual(by_partner[s.customer_b].qty, 2.0)
        self.assertEqual(recall.delivered_qty, 6.0)
        self.assertEqual(recall.customer_count, 2)
        levels = {line.lot_id: line.level for line in recall.line_ids if line.kind == 'production'}
        self.assertLess(levels[s.sa_lot], levels[s.fg_lot])
        rows = recall._snapshot_rows()  # the raw snapshot is for administrators
        self.assertEqual(len(rows), len(recall.line_ids))
        self.assertTrue(recall.message_ids.filtered(lambda m: 'Trace computed' in (m.body or '')))

    def test_finished_lot_recall_lists_its_customers_and_where_it_came_from(self):
        s = self.s
        recall = self.recall(s.fg_lot, direction='both')
        recall.action_compute()
        self.assertEqual(recall.customer_ids.mapped('partner_id'), s.customer_a | s.customer_b)
        self.assertFalse(self.forward_lots(recall) & (s.fgb_lot | s.sa_lot | s.rm_lot))
        backward = recall.line_ids.filtered(lambda line: line.direction == 'upstream')
        self.assertIn(s.rm_lot, backward.mapped('lot_id'))
        self.assertIn(s.sa_lot, backward.mapped('lot_id'))
        receipt = backward.filtered(lambda line: line.kind == 'receipt' and line.lot_id == s.rm_lot)
        self.assertEqual(receipt.mapped('partner_id'), s.vendor)
        # backward lots are where it came from, not what must be contained
        self.assertEqual(recall._affected_lots(), s.fg_lot)

    def test_closed_recall_keeps_what_was_known(self):
        s = self.s
        recall = self.recall(s.fg_lot)
        recall.action_compute()
        recall.action_close()
        self.assertEqual(recall.state, 'closed')
        known = recall.line_ids
        with self.assertRaises(UserError):
            recall.action_compute()
        late = self.env['res.partner'].create(
            {'name': 'Late Customer RC', 'email': 'l@example.com'})
        from recall_common import deliver
        deliver(self.env, late, s.bread, s.fg_lot, 1.0)
        recall.invalidate_cache()
        self.assertEqual(recall.line_ids, known)
        self.assertNotIn(late, recall.customer_ids.mapped('partner_id'))
        self.env['lot.recall.reopen'].create({
            'recall_id': recall.id, 'reason': 'A late delivery was found'}).action_confirm()
        recall.action_compute()
        self.assertIn(late, recall.customer_ids.mapped('partner_id'))

    def test_compute_needs_start_lots(self):
        recall = self.env['lot.recall'].create({'reason': 'nothing chosen'})
        with self.assertRaises(UserError):
            recall.action_compute()
        self.assertEqual(recall.state, 'draft')

    def test_compute_checks_every_recall_before_tracing_any(self):
        """Tracing several recalls at once: one that cannot be traced refuses
        the whole action before anything is traced or written."""
        ready = self.recall(self.s.fg_lot)
        empty = self.env['lot.recall'].sudo(self.manager).create({'reason': 'nothing chosen'})
        messages = len(ready.message_ids)
        with self.assertRaises(UserError):
            (ready | empty).action_compute()
        ready.invalidate_cache()
        self.assertEqual((ready.state, ready.date_computed, len(ready.message_ids)),
                         ('draft', False, messages))
        self.assertFalse(ready.line_ids or ready.customer_ids or ready.balance_ids)

    def test_compute_needs_write_access(self):
        employee = self.env['res.users'].create({
            'name': 'Employee RC', 'login': 'employee_rc',
            'groups_id': [(6, 0, [self.env.ref('base.group_user').id])]})
        recall = self.recall(self.s.fg_lot)
        with self.assertRaises(AccessError):
            recall.sudo(employee).action_compute()
        self.assertEqual((recall.state, recall.line_ids.ids), ('draft', []))


class TestRecallContainment(RecallCase):

    def test_quarantine_affected_stock_and_release_it(self):
        s = self.s
        recall = self.recall(s.rm_lot)
        with self.assertRaises(UserError):
            recall.action_quarantine_affected()  # not traced yet
        recall.action_compute()
        recall.action_quarantine_affected()
        # in stock: 2 of FG (after the return) and 3 of FGB; RM and SA were consumed
        self.assertTrue(s.fg_lot.quarantined and s.fgb_lot.quarantined)
        self.assertFalse(s.rm_lot.quarantined or s.sa_lot.quarantined or s.fg2_lot.quarantined)
        self.assertIn(recall.name, s.fg_lot.quarantine_reason)
        self.assertEqual(recall.quarantined_lot_ids, s.fg_lot | s.fgb_lot)
        self.assertTrue(recall.message_ids.filtered(
            lambda m: 'Quarantined 2 lots' in (m.body or '')))
        notice = recall.action_quarantine_affected()  # nothing left to quarantine
        self.assertEqual(notice['tag'], 'lot_traceability.notify')
        self.assertIn(s.fg_lot.name, notice['params']['message'])
        recall.action_release_quarantine()
        self.assertFalse(s.fg_lot.quarantined or s.fgb_lot.quarantined)
        self.assertFalse(recall.quarantined_lot_ids)
        self.assertTrue(s.fg_lot.message_ids.filtered(lambda m: recall.name in (m.body or '')))


class TestRecallExports(RecallCase):

    def test_xlsx_has_fsma_sheets_one_row_per_event_line_and_text_lot_names(self):
        s = self.s
        s.fg_lot.name = '=HYPERLINK("http://evil.example","FG")'
        recall = self.recall(s.rm_lot, direction='both', is_drill=True)
        recall.action_open()
        recall.action_compute()
        book = openpyxl.load_workbook(io.BytesIO(recall._export_xlsx()))
        self.assertEqual(book.sheetnames,
                         ['Summary', 'Receiving', 'Transformation', 'Shipping',
                          'Mass balance', 'Glossary'])
        self.assertEqual(book['Shipping']['A1'].value, 'Traceability Lot Code')
        self.assertEqual(book['Receiving']['E1'].value, 'Ship-From Location')
        # receipts and deliveries: one row per result line; transformations: one row
        # per input lot of every order that made a traced lot
        for kind, sheet in (('receipt', 'Receiving'), ('delivery', 'Shipping')):
            expected = len(recall.line_ids.filtered(lambda line: line.kind == kind))
            self.assertEqual(book[sheet].max_row - 1, expected, sheet)
        made = recall.line_ids.filtered(lambda line: line.kind == 'production').mapped('lot_id')
        edges = self.env['lot.genealogy.edge'].search([('finished_lot_id', 'in', made.ids)])
        self.assertEqual(book['Transformation'].max_row - 1, len(edges))
        self.assertGreater(book['Shipping'].max_row, 1)
        shipped = [row for row in book['Shipping'].iter_rows(min_row=2, values_only=True)]
        formula_cells = [c for c in book['Shipping']['A'][1:] if c.value == s.fg_lot.name]
        self.assertTrue(formula_cells)
        self.assertTrue(all(c.data_type == 's' for c in formula_cells))
        self.assertIn(s.customer_a.display_name, {row[4].split(';')[0] for row in shipped})
        summary = {row[0]: row[1] for row in book['Summary'].iter_rows(values_only=True)}
        self.assertEqual(summary['Recall'], recall.name)
        self.assertEqual(summary['Customers'], 2)
        self.assertTrue(recall.date_first_export)
        self.assertGreaterEqual(recall.time_to_trace, 0.0)
        self.assertGreater(recall.export_seconds, 0.0)

    def test_pdf_report_shows_lots_customers_and_containment(self):
        s = self.s
        recall = self.recall(s.rm_lot)
        recall.action_compute()
        report = self.env.ref('lot_traceability.action_report_lot_recall')
        html = report.render_qweb_html(recall.ids)[0].decode()
        for text in (recall.name, s.fg_lot.name, s.fgb_lot.name, s.customer_a.name,
                     '+1 555 0101', 'Containment'):
            self.assertIn(text, html)
        self.assertEqual(recall.action_print_pdf()['report_name'],
                         'lot_traceability.report_lot_recall')

    def test_notify_customers_prepares_one_mail_per_customer(self):
        s = self.s
        recall = self.recall(s.rm_lot)
        recall.action_compute()
        action = recall.sudo(self.manager).action_notify_customers()
        self.assertEqual(action['res_model'], 'lot.recall.notify')
        wizard = self.env['lot.recall.notify'].sudo(self.manager).browse(action['res_id'])
        self.assertEqual(len(wizard.line_ids), 2)
        self.assertNotIn('${', wizard.letters)  # the letters as the customers read them
        self.assertEqual(wizard.letters.count('o_lot_recall_letter'), 2)
        self.assertIn(s.fg_lot.name, wizard.letters)
        mails_before = self.env['mail.mail'].search([]).ids
        wizard.action_send()
        mails = self.env['mail.mail'].search([('id', 'not in', mails_before),
                                              ('model', '=', 'lot.recall.customer')])
        self.assertEqual(len(mails), 2)
        self.assertEqual(mails.mapped('recipient_ids'), s.customer_a | s.customer_b)
        for mail in mails:
            self.assertIn(s.fg_lot.name, mail.body_html)
            self.assertIn(recall.name, mail.subject)
