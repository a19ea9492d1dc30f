# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Derived expiry: a lot made by a manufacturing order gets the product's
life times from its production date or, when the product derives its expiry
from its components, the earliest expiry of the component lots it was made
from, whichever is earlier; the lot says where its dates came from. Dates a
user typed are kept."""
import os
from datetime import datetime, timedelta
from unittest.mock import patch

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import odoo
from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from odoo.addons.lot_traceability.models.stock_production_lot import derive_expiry

import factories
from conftest import cloned_database, registry_env
from scan_data import GTIN_MILK, ScanData, gs1_code
from test_barcode_app import GTIN_MILK_14, BarcodeAppCase, gs1_label
from test_browser import login, open_page

DATES = ('life_date', 'use_date', 'removal_date', 'alert_date')


def _str(value):
    return fields.Datetime.to_string(value)


def produce(env, product, bom, qty, lot=None):
    """A manufacturing order of QTY PRODUCT, its reserved component lots
    consumed in one produce step (into LOT, a new lot when None), marked
    done: (finished lot, order)."""
    production = factories.production(env, product, qty, bom)
    production.action_assign()
    vals = {'product_qty': qty}
    if lot:
        vals['lot_id'] = lot.id
    wizard = env['mrp.product.produce'].with_context(
        active_id=production.id, active_ids=production.ids).create(vals)
    for line in wizard.produce_line_ids:  # the worker confirms the reserved lots
        line.qty_done = line.qty_to_consume
    wizard.do_produce()
    production.button_mark_done()
    assert production.state == 'done', production.state
    return wizard.lot_id, production


class TestDerivedExpiry(TransactionCase):

    def setUp(self):
        super(TestDerivedExpiry, self).setUp()
        env = self.env
        self.stock = env.ref('stock.stock_location_stock')
        env.ref('mrp.picking_type_manufacturing').print_lot_labels = False
        self.flour = factories.product(env, 'DX Flour')
        self.sugar = factories.product(env, 'DX Sugar')
        # cake: 30 days of life, best before 20, removal 25, alert 15
        self.cake = factories.product(
            env, 'DX Cake', life_time=30, use_time=20, removal_time=25, alert_time=15,
            expiry_from_components='earliest')
        self.bom = factories.bom(env, self.cake, [(self.flour, 2.0), (self.sugar, 1.0)])
        self.operator = factories.user(
            env, 'DX Operator', 'dx_operator',
            ['mrp.group_mrp_user', 'stock.group_stock_user', 'base.group_user'],
            email='dx_operator@example.com')

    def component(self, product, name, qty, life_days=None, **dates):
        vals = dict(dates)
        if life_days is not None:
            vals['life_date'] = factories.utc(life_days)
        lot = factories.lot(self.env, product, name, **vals)
        factories.add_stock(self.env, product, self.stock, qty, lot=lot)
        return lot

    def assert_product_life(self, lot):
        produced = lot._production_date()
        self.assertTrue(produced)
        for date_field, days in (('life_date', 30), ('use_date', 20), ('removal_date', 25),
                                 ('alert_date', 15)):
            self.assertEqual(lot[date_field], _str(produced + timedelta(days=days)), date_field)
        self.assertEqual(lot.expiry_source, 'product')
        self.assertFalse(lot.expiry_source_lot_id)

    def test_component_earlier_than_product_life(self):
        flour = self.component(self.flour, 'DX-F1', 10, life_days=10)
        self.component(self.sugar, 'DX-S1', 10, life_days=200)
        before = datetime.utcnow().replace(microsecond=0)
        lot, production = produce(self.env, self.cake, self.bom, 2.0)
        after = datetime.utcnow()
        self.assertEqual(lot.production_id, production)
        self.assertTrue(before <= lot._production_date() <= after)
        # the flour's end of life, not the cake's 30 days
        self.assertEqual(lot.life_date, flour.life_date)
        self.assertEqual((lot.expiry_source, lot.expiry_source_lot_id), ('components', flour))
        # best before (20 days), removal (25) and alert (15) never after the end of life
        for date_field in ('use_date', 'removal_date', 'alert_date'):
            self.assertEqual(lot[date_field], flour.life_date, date_field)
        self.assertTrue(lot.genealogy_component_edge_ids)

    def test_product_life_earlier_than_components(self):
        self.component(self.flour, 'DX-F2', 10, life_days=100)
        self.component(self.sugar, 'DX-S2', 10, life_days=200)
        lot, _production = produce(self.env, self.cake, self.bom, 2.0)
        self.assert_product_life(lot)

    def test_no_component_expiry(self):
        self.component(self.flour, 'DX-F3', 10)
        self.component(self.sugar, 'DX-S3', 10)
        lot, _production = produce(self.env, self.cake, self.bom, 2.0)
        self.assert_product_life(lot)

    def test_several_component_lots_earliest_wins(self):
        # 4 flour needed: both flour lots are consumed, and the sugar lot
        self.component(self.flour, 'DX-F4', 2, life_days=12)
        early = self.component(self.flour, 'DX-F5', 2, life_days=8)
        self.component(self.sugar, 'DX-S4', 10, life_days=9)
        lot, production = produce(self.env, self.cake, self.bom, 2.0)
        self.assertEqual(set(lot.genealogy_component_edge_ids.mapped('component_lot_id.name')),
                         {'DX-F4', 'DX-F5', 'DX-S4'})
        self.assertEqual(lot.life_date, early.life_date)
        self.assertEqual((lot.expiry_source, lot.expiry_source_lot_id), ('components', early))
        self.assertIn(early.name, production.created_lot_ids.mapped(
            'expiry_source_lot_id.name'))

    def test_component_best_before_is_kept_when_earlier(self):
        # the sugar's best before (5 days) is earlier than the cake's 20 days;
        # the end of life stays the cake's own (30 days, earlier than the sugar's)
        sugar = self.component(self.sugar, 'DX-S5', 10, life_days=60,
                               use_date=factories.utc(5))
        self.component(self.flour, 'DX-F6', 10)
        lot, _production = produce(self.env, self.cake, self.bom, 2.0)
        produced = lot._production_date()
        self.assertEqual(lot.use_date, sugar.use_date)
        self.assertEqual(lot.life_date, _str(produced + timedelta(days=30)))
        self.assertEqual((lot.expiry_source, lot.expiry_source_lot_id.id), ('product', False))

    def test_product_without_the_setting_ignores_components(self):
        self.cake.expiry_from_components = 'none'
        self.component(self.flour, 'DX-F7', 10, life_days=3)
        self.component(self.sugar, 'DX-S7', 10)
        lot, _production = produce(self.env, self.cake, self.bom, 2.0)
        self.assert_product_life(lot)

    def test_work_order_lot(self):
        """A lot made through a work order (created at production time, as the
        operator records the batch) gets the component's earlier expiry."""
        flour = self.component(self.flour, 'DX-F8', 10, life_days=6)
        self.component(self.sugar, 'DX-S8', 10)
        workcenter = self.env['mrp.workcenter'].create({'name': 'DX Oven'})
        routing = self.env['mrp.routing'].create({
            'name': 'DX Baking', 'operation_ids': [(0, 0, {
                'name': 'Bake', 'workcenter_id': workcenter.id, 'time_cycle_manual': 20})]})
        bom = factories.bom(self.env, self.cake, [(self.flour, 2.0), (self.sugar, 1.0)],
                            routing_id=routing.id)
        production = factories.production(self.env, self.cake, 2.0, bom)
        production.action_assign()
        production.button_plan()
        self.env['lot.traceability.demo']._demo_record_production_as(
            production.workorder_ids.ids, self.operator.id)
        production.button_mark_done()
        self.assertEqual(production.state, 'done')
        lot = production.created_lot_ids
        self.assertEqual(len(lot), 1)
        self.assertEqual(lot.life_date, flour.life_date)
        self.assertEqual((lot.expiry_source, lot.expiry_source_lot_id), ('components', flour))

    def test_manual_edit_is_kept(self):
        flour = self.component(self.flour, 'DX-F9', 10, life_days=10)
        self.component(self.sugar, 'DX-S9', 10)
        lot, _production = produce(self.env, self.cake, self.bom, 1.0)
        self.assertEqual((lot.expiry_source, lot.expiry_source_lot_id), ('components', flour))
        # a stock user corrects the end of life: kept, and marked manual
        typed = factories.utc(4)
        lot.sudo(self.operator).write({'life_date': typed})
        self.assertEqual((lot.life_date, lot.expiry_source, lot.expiry_source_lot_id.id),
                         (typed, 'manual', False))
        dates = [lot[date_field] for date_field in DATES]
        # the same lot made again from an earlier component: the typed dates stay
        self.component(self.flour, 'DX-F10', 10, life_days=2)
        again, _production = produce(self.env, self.cake, self.bom, 1.0, lot=lot)
        self.assertEqual(again, lot)
        self.assertIn('DX-F10', lot.genealogy_component_edge_ids.mapped('component_lot_id.name'))
        self.assertEqual([lot[date_field] for date_field in DATES], dates)
        self.assertEqual(lot.expiry_source, 'manual')

    def test_lot_created_with_typed_dates_keeps_them(self):
        self.component(self.flour, 'DX-F11', 10, life_days=10)
        self.component(self.sugar, 'DX-S11', 10)
        typed = factories.utc(50)
        lot = factories.lot(self.env, self.cake, 'DX-CAKE-TYPED', life_date=typed)
        self.assertEqual(lot.expiry_source, 'manual')
        produce(self.env, self.cake, self.bom, 1.0, lot=lot)
        self.assertEqual((lot.life_date, lot.expiry_source), (typed, 'manual'))

    def test_lot_created_with_the_product_dates_is_derived(self):
        """The lot form fills the product's dates in (product_expiry's
        onchange): such a lot is the product's and is derived when produced."""
        flour = self.component(self.flour, 'DX-F12', 10, life_days=10)
        self.component(self.sugar, 'DX-S12', 10)
        Lot = self.env['stock.production.lot']
        form_dates = Lot._get_dates(self.cake.id)
        lot = Lot.create(dict(form_dates, name='DX-CAKE-FORM', product_id=self.cake.id))
        self.assertEqual(lot.expiry_source, 'product')
        produce(self.env, self.cake, self.bom, 1.0, lot=lot)
        self.assertEqual((lot.life_date, lot.expiry_source), (flour.life_date, 'components'))

    def test_expiry_source_is_not_writable(self):
        lot = factories.lot(self.env, self.cake, 'DX-CAKE-SRC')
        before = (lot.expiry_source, lot.expiry_source_lot_id, lot.life_date)
        other = factories.lot(self.env, self.flour, 'DX-OTHER', life_date=factories.utc(1))
        for vals in ({'expiry_source': 'components'}, {'expiry_source_lot_id': other.id},
                     {'expiry_source': False}):
            with self.assertRaises(AccessError):
                lot.sudo(self.operator).write(vals)
        with self.assertRaises(AccessError):
            self.env['stock.production.lot'].sudo(self.operator).create({
                'name': 'DX-CAKE-SRC2', 'product_id': self.cake.id, 'expiry_source': 'label'})
        lot.invalidate_cache()
        self.assertEqual((lot.expiry_source, lot.expiry_source_lot_id, lot.life_date), before)
        self.assertFalse(self.env['stock.production.lot'].search([('name', '=', 'DX-CAKE-SRC2')]))

    def test_label_dates_are_marked_label(self):
        """A lot created by the scan of a GS1 label at receipt keeps the
        label's dates and says so (the receipt is not changed)."""
        data = ScanData(self.env)
        expiry = datetime.utcnow().date() + timedelta(days=90)
        answer = data.receipt.lot_scan(gs1_code(GTIN_MILK, lot='DX-RCV-1', expiry=expiry))
        self.assertEqual(answer['code'], 'matched', answer['message'])
        lot = self.env['stock.production.lot'].search([('name', '=', 'DX-RCV-1')])
        self.assertEqual((lot.life_date[:10], lot.expiry_source), (str(expiry), 'label'))
        # without a date on the label: the product's (none here)
        data.receipt.lot_scan(gs1_code(GTIN_MILK, lot='DX-RCV-2'))
        lot = self.env['stock.production.lot'].search([('name', '=', 'DX-RCV-2')])
        self.assertEqual((lot.life_date, lot.expiry_source), (False, False))

    def test_source_shown_on_the_forms(self):
        arch = self.env['stock.production.lot'].fields_view_get(
            view_id=self.env.ref('stock.view_production_lot_form').id, view_type='form')['arch']
        self.assertIn('name="expiry_source"', arch)
        self.assertIn('name="expiry_source_lot_id"', arch)
        arch = self.env['product.template'].fields_view_get(view_type='form')['arch']
        self.assertIn('name="expiry_from_components"', arch)


class TestLabelExpiryInTheBarcodeApp(BarcodeAppCase):

    def test_label_dates_are_marked_label(self):
        """OCA's scanner screen on a receipt: the lot created from the label
        keeps its dates, marked as the label's."""
        self.milk.barcode = GTIN_MILK_14
        expiry = datetime.utcnow().date() + timedelta(days=60)
        wizard = self.screen(self.data.receipt)
        self.scan(wizard, gs1_label(GTIN_MILK_14, expiry=expiry, lot='DX-OCA-1', count=2))
        self.assertEqual(wizard.message_type, 'success', wizard.message)
        lot = self.env['stock.production.lot'].search([('name', '=', 'DX-OCA-1')])
        self.assertEqual((lot.life_date, lot.expiry_source), ('%s 23:59:59' % expiry, 'label'))


def test_derive_expiry_rules():
    produced = datetime(2026, 3, 1, 12, 0, 0)
    times = {'life_date': 30, 'use_date': 20}
    early, late = object(), object()
    dates, source, lot = derive_expiry(produced, times, [])
    assert (dates['life_date'], dates['use_date'], dates['alert_date'], source, lot) == (
        datetime(2026, 3, 31, 12), datetime(2026, 3, 21, 12), None, 'product', None)
    components = [(late, {'life_date': datetime(2026, 3, 20)}),
                  (early, {'life_date': datetime(2026, 3, 10)})]
    dates, source, lot = derive_expiry(produced, times, components)
    assert (dates['life_date'], dates['use_date'], source, lot) == (
        datetime(2026, 3, 10), datetime(2026, 3, 10), 'components', early)
    # nothing known: no date, no source
    dates, source, lot = derive_expiry(produced, {}, [(early, {'life_date': None})])
    assert (set(dates.values()), source, lot) == ({None}, False, None)


def test_byproduct_lot_is_derived():
    """mrp_byproduct (in a clone of the template): the whey lot numbered for
    the byproduct line gets the milk lot's earlier end of life."""
    with cloned_database('derived_expiry_byproduct') as dbname:
        with registry_env(dbname) as env:
            module = env['ir.module.module'].search([('name', '=', 'mrp_byproduct')])
            with patch.dict(odoo.tools.config.options, test_enable=False):
                module.button_immediate_install()
        with registry_env(dbname) as env:
            env.ref('mrp.picking_type_manufacturing').print_lot_labels = False
            stock = env.ref('stock.stock_location_stock')
            milk = factories.product(env, 'DX Milk')
            cheese = factories.product(env, 'DX Cheese', life_time=60,
                                       expiry_from_components='earliest')
            whey = factories.product(env, 'DX Whey', life_time=20,
                                     expiry_from_components='earliest')
            milk_lot = factories.lot(env, milk, 'DX-MILK', life_date=factories.utc(5))
            factories.add_stock(env, milk, stock, 10.0, lot=milk_lot)
            bom = factories.bom(env, cheese, [(milk, 2.0)], product_id=cheese.id, sub_products=[
                (0, 0, {'product_id': whey.id, 'product_qty': 1.0,
                        'product_uom_id': whey.uom_id.id})])
            cheese_lot, production = produce(env, cheese, bom, 2.0)
            whey_lot = production.created_lot_ids - cheese_lot
            assert len(whey_lot) == 1 and whey_lot.product_id == whey
            assert whey_lot.production_id == production
            assert (whey_lot.life_date, whey_lot.expiry_source, whey_lot.expiry_source_lot_id) == (
                milk_lot.life_date, 'components', milk_lot)
            assert (cheese_lot.life_date, cheese_lot.expiry_source) == (
                milk_lot.life_date, 'components')
            # the byproduct's own (shorter) life wins over a later component
            milk_lot.write({'life_date': factories.utc(100)})
            cheese_lot, production = produce(env, cheese, bom, 1.0)
            whey_lot = production.created_lot_ids - cheese_lot
            produced = whey_lot._production_date()
            assert whey_lot.life_date == _str(produced + timedelta(days=20))
            assert whey_lot.expiry_source == 'product'
            env.cr.rollback()


def test_lot_form_shows_the_expiry_source(browser, odoo_server):
    """The lot form (Chromium, 1400x900) says the cake lot's expiry came from
    its components and which flour lot set it."""
    with registry_env(odoo_server.db) as env:
        env.ref('mrp.picking_type_manufacturing').print_lot_labels = False
        stock = env.ref('stock.stock_location_stock')
        flour = factories.product(env, 'DXB Flour')
        cake = factories.product(env, 'DXB Cake', life_time=30, use_time=20,
                                 expiry_from_components='earliest')
        flour_lot = factories.lot(env, flour, 'DXB-FLOUR-1', life_date=factories.utc(9))
        factories.add_stock(env, flour, stock, 10.0, lot=flour_lot)
        bom = factories.bom(env, cake, [(flour, 1.0)])
        cake_lot, _production = produce(env, cake, bom, 2.0)
        assert cake_lot.expiry_source == 'components'
        lot_id, lot_name, life_date = cake_lot.id, cake_lot.name, cake_lot.life_date
        action_id = env.ref('stock.action_production_lot_form').id
        template_id = cake.product_tmpl_id.id
        product_action_id = env.ref('stock.product_template_action_product').id
    wait = WebDriverWait(browser, 120)
    browser.set_window_size(1400, 900)
    login(browser, odoo_server)
    open_page(browser, '%s/web#id=%d&model=stock.production.lot&view_type=form&action=%d'
              % (odoo_server.url, lot_id, action_id))
    source = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_form_view [name="expiry_source"]')))
    assert source.text.strip() == 'Components'
    component = browser.find_element(
        By.CSS_SELECTOR, '.o_form_view [name="expiry_source_lot_id"]')
    assert component.is_displayed() and component.text.strip() == 'DXB-FLOUR-1'
    labels = browser.find_element(By.CSS_SELECTOR, '.o_form_view').text
    assert 'Expiry Source' in labels and 'Expiry Set By Lot' in labels
    assert lot_name in browser.find_element(By.CSS_SELECTOR, '.oe_title').text
    life = browser.find_element(By.CSS_SELECTOR, '.o_form_view [name="life_date"]').text
    assert life.strip(), life_date
    # the dates are under the tabs: scroll to them as the reader does
    browser.execute_script('arguments[0].scrollIntoView({block: "center"});', source)
    wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, '.o_loading')))
    from harness import settings
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    browser.save_screenshot(os.path.join(folder, 'derived_expiry_lot_form.png'))
    # the product's setting, in its Inventory tab beside product_expiry's times
    open_page(browser, '%s/web#id=%d&model=product.template&view_type=form&action=%d'
              % (odoo_server.url, template_id, product_action_id))
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//a[@role="tab"][normalize-space()="Inventory"]'))).click()
    setting = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_form_view [name="expiry_from_components"]')))
    assert setting.text.strip() == 'Earliest component expiry'
    browser.execute_script('arguments[0].scrollIntoView({block: "center"});', setting)
    wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, '.o_loading')))
    browser.save_screenshot(os.path.join(folder, 'derived_expiry_product_form.png'))
