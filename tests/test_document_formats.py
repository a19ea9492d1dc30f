# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The recall's documents in the reader's language, quantities per unit: the
recall of HZN-0001 reaches hazelnuts and premix (kg) and granola (Unit(s)); its
workbook gives each unit its own rows and the user's date format, its PDF
writes numbers with the user's separators."""
import io

import openpyxl

import factories
from test_demo_story import DemoCase
from test_recall_notice import german


class TestRecallDocumentFormats(DemoCase):

    def setUp(self):
        super(TestRecallDocumentFormats, self).setUp()
        german(self.env)
        self.user = factories.user(
            self.env, 'Qualitätsleiterin', 'formats_quality',
            ['stock.group_stock_manager', 'stock.group_production_lot'], lang='de_DE',
            email='qs@example.com')
        self.recall = self.env['lot.recall'].sudo(self.user).with_context(lang='de_DE').create({
            'reason': 'NutCo reports aflatoxin', 'direction': 'downstream',
            'lot_ids': [(6, 0, self.lot('HZN-0001').ids)]})
        self.recall.action_compute()

    def test_workbook_totals_per_unit_and_days_in_the_users_format(self):
        book = openpyxl.load_workbook(io.BytesIO(self.recall._export_xlsx()))
        summary = {row[0].value: row[1] for row in book['Summary'].iter_rows()}
        self.assertNotIn('Quantity delivered', summary)   # no total across units
        self.assertEqual(summary['Quantity delivered (Unit(s))'].value, 100)
        self.assertEqual(summary['Quantity returned (Unit(s))'].value, 10)
        self.assertIn('Quantity in stock (Unit(s))', summary)
        # every quantity row names its unit
        self.assertTrue(all(label.endswith(')') for label in summary
                            if label.startswith('Quantit')))
        self.assertTrue(summary['Opened on'].is_date)
        self.assertEqual(summary['Opened on'].number_format, 'dd.mm.yyyy hh:mm')

    def test_pdf_numbers_with_the_users_separators(self):
        self.assertEqual(self.recall._format_number(1250.5), '1.250,5')
        self.assertEqual(self.recall._format_number(99.456, 2), '99,46')
        self.assertEqual(self.recall.with_context(lang='en_US')._format_number(1250.5),
                         '1,250.5')
        html = self.env.ref('lot_traceability.action_report_lot_recall').with_context(
            lang='de_DE').sudo(self.user).render_qweb_html(self.recall.ids)[0].decode()
        self.assertIn('Mass balance', html)
        self.assertNotIn('100.00', html)
        # the quantities line: per unit, German separators
        self.assertIn('100 Unit(s) delivered, 10 Unit(s) returned, 90 Unit(s) net at customers',
                      html)
