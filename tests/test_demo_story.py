# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo story installs with the demo data, and the walkthrough of
docs/user/walkthrough.rst holds on it."""
import glob
import os
import re

from lxml import etree

from odoo.exceptions import AccessError
from odoo.models import check_method_name
from odoo.tests.common import TransactionCase

DEMO = 'lot_traceability.'
ADDON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                     'lot_traceability')
DEMO_XML = os.path.join(ADDON, 'demo', 'lot_traceability_demo.xml')


class DemoCase(TransactionCase):

    def ref(self, name):
        return self.env.ref(DEMO + name)

    def lot(self, name):
        lots = self.env['stock.production.lot'].search([
            ('name', '=', name),
            ('product_id.default_code', 'like', 'AC-')])
        self.assertEqual(len(lots), 1, 'demo lot %s' % name)
        return lots

    def customers(self, *names):
        return self.env['res.partner'].browse([self.ref(name).id for name in names])


class TestDemoStory(DemoCase):

    def test_lots_of_the_story_exist_with_expiry(self):
        expected = {
            'OAT-0001': 'Rolled Oats', 'HNY-0001': 'Wildflower Honey',
            'HZN-0001': 'Roasted Hazelnuts', 'HZN-0002': 'Roasted Hazelnuts',
            'PMX-0001': 'Honey Nut Premix', 'PMX-0002': 'Honey Nut Premix',
            'GRN-0001': 'Crunchy Granola 500 g', 'GRN-0002': 'Crunchy Granola 500 g',
            'GRN-0003': 'Crunchy Granola 500 g'}
        for name, product in expected.items():
            lot = self.lot(name)
            self.assertEqual(lot.product_id.name, product)
            self.assertTrue(lot.life_date and lot.use_date and lot.removal_date, name)
        # FEFO order of the finished lots is the order they were made in
        dates = [self.lot(n).removal_date for n in ('GRN-0001', 'GRN-0002', 'GRN-0003')]
        self.assertEqual(dates, sorted(dates))
        self.assertEqual(len(set(dates)), 3)

    def test_raw_material_lots_come_from_their_vendors(self):
        for name, vendor in (('OAT-0001', 'demo_vendor_harvest_mills'),
                             ('HNY-0001', 'demo_vendor_golden_hive'),
                             ('HZN-0001', 'demo_vendor_nutco'),
                             ('HZN-0002', 'demo_vendor_nutco')):
            receipt_lines = self.env['stock.move.line'].search([
                ('lot_id', '=', self.lot(name).id), ('state', '=', 'done'),
                ('location_id.usage', '=', 'supplier')])
            self.assertEqual(receipt_lines.mapped('picking_id.partner_id'), self.ref(vendor))
            self.assertEqual(receipt_lines.mapped('move_id.purchase_line_id.order_id.state'),
                             ['purchase'])

    def test_productions_done_by_named_operators_on_named_workcenters(self):
        expected = {
            'demo_mo_premix_1': [('Roasting', 'Roaster R1'), ('Mixing', 'Mixer M1')],
            'demo_mo_granola_1': [('Baking', 'Oven O1'), ('Packing', 'Packing Line P1')],
        }
        operators = {'Marta Keller', 'Tom Becker'}
        for xmlid, steps in expected.items():
            production = self.ref(xmlid)
            self.assertEqual(production.state, 'done')
            workorders = production.workorder_ids.sorted('id')
            self.assertEqual([(w.name, w.workcenter_id.name) for w in workorders], steps)
            for workorder in workorders:
                self.assertEqual(workorder.state, 'done')
                self.assertTrue(workorder.time_ids)
                self.assertTrue(set(workorder.time_ids.mapped('user_id.name')) <= operators)
        self.assertEqual(self.ref('demo_mo_granola_1').workorder_ids.sorted('id')[0]
                         .time_ids.mapped('user_id'), self.ref('demo_operator_tom'))

    def test_two_level_genealogy_recorded_by_the_productions(self):
        def made_from(lot_name):
            finished = self.env['stock.move.line'].search([
                ('lot_id', '=', self.lot(lot_name).id), ('move_id.production_id', '!=', False),
                ('state', '=', 'done')])
            finished = finished.filtered(lambda ml: ml.location_id.usage == 'production')
            return set(finished.mapped('consume_line_ids.lot_id.name'))
        self.assertEqual(made_from('PMX-0001'), {'HZN-0001', 'HNY-0001'})
        self.assertEqual(made_from('PMX-0002'), {'HZN-0002', 'HNY-0001'})
        self.assertEqual(made_from('GRN-0001'), {'PMX-0001', 'OAT-0001'})
        self.assertEqual(made_from('GRN-0002'), {'PMX-0002', 'OAT-0001'})
        self.assertEqual(made_from('GRN-0003'), {'PMX-0002', 'OAT-0001'})

    def test_deliveries_reach_the_expected_customers(self):
        self.assertEqual(self.lot('GRN-0001').customer_ids, self.customers(
            'demo_customer_freshmart', 'demo_customer_corner_deli', 'demo_customer_bellevue'))
        self.assertEqual(self.lot('GRN-0002').customer_ids, self.customers(
            'demo_customer_green_basket', 'demo_customer_freshmart'))
        self.assertFalse(self.lot('GRN-0003').customer_ids)
        self.assertEqual(self.ref('demo_customer_freshmart').lot_received_count, 2)
        order = self.ref('demo_so_corner_deli_1')
        self.assertEqual(order.order_line.lot_ids, self.lot('GRN-0001'))
        rows = {(ml.lot_id.name, ml.qty_done, ml.customer_direction)
                for ml in order.lot_move_line_ids}
        self.assertEqual(rows, {('GRN-0001', 30, 'delivery'), ('GRN-0001', 10, 'return')})

    def test_customer_return_of_the_defective_lot(self):
        returned = self.ref('demo_return_corner_deli')
        self.assertEqual(returned.state, 'done')
        self.assertTrue(returned.is_customer_return)
        self.assertEqual(returned.partner_id, self.ref('demo_customer_corner_deli'))
        self.assertEqual(returned.return_reason_id,
                         self.env.ref('lot_traceability.return_reason_defect'))
        self.assertEqual(returned.return_of_picking_id,
                         self.ref('demo_so_corner_deli_1').picking_ids.filtered(
                             lambda p: p.picking_type_code == 'outgoing'))
        self.assertEqual(returned.returned_lot_ids, self.lot('GRN-0001'))
        self.assertEqual(returned.location_dest_id, self.ref('demo_location_quality_hold'))
        self.assertIn(returned, self.env['stock.picking'].search(
            self.env.ref('lot_traceability.stock_picking_action_customer_return').domain and
            [('is_customer_return', '=', True)]))

    def test_stock_left_where_the_walkthrough_says(self):
        def on_hand(lot_name, location):
            quants = self.env['stock.quant'].search([
                ('lot_id', '=', self.lot(lot_name).id), ('location_id', '=', location.id)])
            return sum(quants.mapped('quantity'))
        stock = self.env.ref('stock.stock_location_stock')
        hold = self.ref('demo_location_quality_hold')
        self.assertEqual(on_hand('GRN-0001', stock), 0)
        self.assertEqual(on_hand('GRN-0001', hold), 10)
        self.assertEqual(on_hand('GRN-0002', stock), 40)
        self.assertEqual(on_hand('GRN-0003', self.ref('demo_location_finished_goods')), 100)
        staging = self.ref('demo_location_production_staging')
        self.assertEqual(on_hand('PMX-0002', stock), 0)
        self.assertEqual(on_hand('PMX-0002', staging), 20)
        self.assertEqual(on_hand('OAT-0001', stock), 0)
        self.assertEqual(on_hand('OAT-0001', staging), 210)
        self.assertEqual(on_hand('HZN-0001', stock), 0)

    def test_open_work_is_ready_for_the_walkthrough(self):
        po = self.ref('demo_po_oats_2')
        self.assertEqual(po.state, 'purchase')
        self.assertEqual(po.picking_ids.state, 'assigned')
        production = self.ref('demo_mo_granola_4')
        self.assertEqual(production.state, 'planned')
        self.assertEqual(production.availability, 'assigned')
        # reserved at the line, nothing reserved on WH/Stock itself (Odoo's
        # stock/tests/test_robustness.py changes WH/Stock's usage)
        staging = self.ref('demo_location_production_staging')
        # (the work order's empty lot lines, quantity 0, reserve nothing)
        reserved = production.move_raw_ids.mapped('move_line_ids').filtered(
            lambda line: line.product_qty > 0)
        self.assertEqual(len(reserved), 2)
        self.assertEqual(reserved.mapped('location_id'), staging)
        self.assertFalse(self.env['stock.move.line'].search_count([
            ('location_id', '=', self.env.ref('stock.stock_location_stock').id),
            ('product_qty', '>', 0)]))
        quotation = self.ref('demo_so_bellevue_2')
        self.assertEqual(quotation.state, 'draft')
        self.assertEqual(quotation.partner_id, self.ref('demo_customer_bellevue'))

    def test_demo_steps_live_on_the_demo_model_only(self):
        """The steps only the demo story takes (quantities typed on a transfer,
        a return, work orders recorded as an operator) are private methods of
        lot.traceability.demo: a private method of a production model that the
        demo data calls is one the addon's own code calls too (or Odoo's)."""
        production_code = ''.join(
            open(path, encoding='utf-8').read()
            for path in glob.glob(os.path.join(ADDON, '**', '*.py'), recursive=True)
            if os.sep + 'demo' + os.sep not in path)
        demo = self.env['lot.traceability.demo']
        steps = set()
        for node in etree.parse(DEMO_XML).iter('function'):
            model, method = node.get('model'), node.get('name')
            if model == demo._name:
                steps.add(method)
                self.assertTrue(method.startswith('_demo_') and callable(getattr(demo, method)))
                with self.assertRaises(AccessError):
                    check_method_name(method)  # never callable over RPC
            elif method.startswith('_') and re.search(r'def %s\(' % method, production_code):
                self.assertTrue(re.search(r'\.%s\(' % method, production_code),
                                '%s.%s is called by the demo data only' % (model, method))
        self.assertEqual(steps, {'_demo_set_quantities_done', '_demo_return_quantity',
                                 '_demo_record_production_as'})
        for model, method in (('stock.picking', '_set_quantities_done'),
                              ('stock.picking', '_return_quantity'),
                              ('mrp.workorder', '_record_production_as'),
                              ('mrp.workorder', '_set_reserved_component_lots')):
            self.assertFalse(hasattr(self.env[model], method), '%s.%s' % (model, method))
