# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The screens of lot numbering show what users need (views as the web client
receives them)."""
from lxml import etree

from odoo.tests.common import TransactionCase


class TestLotNumberingViews(TransactionCase):

    def _arch(self, model, view_type='form', xmlid=None):
        view_id = self.env.ref(xmlid).id if xmlid else None
        return etree.fromstring(self.env[model].fields_view_get(
            view_id=view_id, view_type=view_type)['arch'])

    def test_lot_form_list_search_show_origin(self):
        form = self._arch('stock.production.lot', xmlid='stock.view_production_lot_form')
        for name in ('vendor_id', 'purchase_order_id', 'receipt_picking_id', 'receipt_date',
                     'received_qty', 'production_id'):
            self.assertTrue(form.xpath("//field[@name='%s']" % name), name)
        for button in ('action_view_purchase_order', 'action_view_receipt',
                       'action_view_production'):
            self.assertTrue(form.xpath("//button[@name='%s']" % button), button)
        tree = self._arch('stock.production.lot', 'tree')
        self.assertTrue(tree.xpath("//field[@name='vendor_id']"))
        search = self._arch('stock.production.lot', 'search')
        self.assertTrue(search.xpath("//filter[@name='received_last_month']"))
        self.assertTrue(search.xpath("//filter[@name='group_by_vendor']"))

    def test_filter_last_month_finds_lots(self):
        product = self.env['product.product'].create({'name': 'P', 'type': 'product',
                                                      'tracking': 'lot'})
        lot = self.env['stock.production.lot'].create({
            'name': 'LM-1', 'product_id': product.id,
            'vendor_id': self.env.ref('base.res_partner_1').id,
            'receipt_date': '2026-10-15 10:00:00'})
        found = self.env['stock.production.lot'].search([
            ('vendor_id', '=', self.env.ref('base.res_partner_1').id),
            ('receipt_date', '>=', '2026-10-01'), ('receipt_date', '<', '2026-11-01')])
        self.assertEqual(found, lot)
        groups = self.env['stock.production.lot'].read_group(
            [('id', '=', lot.id)], ['vendor_id'], ['vendor_id'])
        self.assertEqual(groups[0]['vendor_id'][0], self.env.ref('base.res_partner_1').id)

    def test_picking_buttons_and_operation_type_flag(self):
        form = self._arch('stock.picking')
        self.assertTrue(form.xpath("//button[@name='action_generate_lots']"))
        self.assertTrue(form.xpath("//button[@name='action_print_lot_labels']"))
        self.assertTrue(self._arch('stock.picking.type').xpath("//field[@name='print_lot_labels']"))

    def test_sequence_fields_on_product_category_settings(self):
        self.assertTrue(self._arch('product.template').xpath("//field[@name='lot_sequence_id']"))
        self.assertTrue(self._arch('product.category').xpath("//field[@name='lot_sequence_id']"))
        self.assertTrue(self._arch('res.config.settings',
                                   xmlid='stock.res_config_settings_view_form')
                        .xpath("//field[@name='lot_sequence_id']"))
        action = self.env.ref('lot_traceability.ir_sequence_action_lot')
        self.assertIn('lot_sequence', action.domain)
        menu = self.env.ref('lot_traceability.ir_sequence_menu_lot')
        self.assertEqual(menu.groups_id, self.env.ref('stock.group_stock_manager'))

    def test_produce_wizard_lot_is_optional(self):
        arch = self._arch('mrp.product.produce', xmlid='mrp.view_mrp_product_produce_wizard')
        lot = arch.xpath("//field[@name='lot_id'][not(ancestor::field)]")[0]
        self.assertNotIn('required', lot.get('modifiers', ''))
        self.assertTrue(self._arch('mrp.production').xpath(
            "//button[@name='action_view_created_lots']"))

    def test_label_report_is_in_the_lot_print_menu(self):
        report = self.env.ref('lot_traceability.action_report_lot_label')
        self.assertEqual(report.binding_model_id.model, 'stock.production.lot')
