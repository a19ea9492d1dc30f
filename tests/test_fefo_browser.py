# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""In the web client: a manager quarantines a lot from its form (reason
wizard), and a delivery says why it is not reserved."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import factories
from conftest import registry_env
from fefo_common import utc
from test_browser import login, open_page


@pytest.fixture(scope='module')
def ui_data(odoo_server):
    with registry_env(odoo_server.db) as env:
        warehouse = env.ref('stock.warehouse0')
        stock = warehouse.lot_stock_id
        product = factories.product(env, 'UI butter')
        good = factories.lot(env, product, 'UI-GOOD', life_date=utc(20))
        old = factories.lot(env, product, 'UI-OLD', life_date=utc(-2))
        factories.add_stock(env, product, stock, 5, lot=good)
        factories.add_stock(env, product, stock, 5, lot=old)
        picking = factories.delivery(env, [(product, 8)], env.ref('base.res_partner_2'),
                                     assign=True)
        return {'good': good.id, 'picking': picking.id,
                'picking_action': env.ref('stock.action_picking_tree_all').id,
                'lot_action': env.ref('stock.action_production_lot_form').id}


def open_record(browser, server, model, res_id, action_id):
    # after login the client is already on /web: only the hash would change,
    # so reload to have the web client open exactly this record
    open_page(browser, server.url + '/web#id=%d&model=%s&view_type=form&action=%d'
              % (res_id, model, action_id))


def test_picking_says_why_stock_is_not_reserved(browser, odoo_server, ui_data):
    login(browser, odoo_server)
    open_record(browser, odoo_server, 'stock.picking', ui_data['picking'],
                ui_data['picking_action'])
    banner = WebDriverWait(browser, 60).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_form_view .alert-warning')))
    assert 'Not reserved' in banner.text
    assert 'UI-OLD' in banner.text and 'expired' in banner.text


def test_manager_quarantines_lot_from_its_form(browser, odoo_server, ui_data):
    login(browser, odoo_server)
    open_record(browser, odoo_server, 'stock.production.lot', ui_data['good'],
                ui_data['lot_action'])
    button = WebDriverWait(browser, 60).until(EC.element_to_be_clickable(
        (By.XPATH, "//div[contains(@class, 'o_statusbar_buttons')]"
                   "//button[normalize-space()='Quarantine']")))
    button.click()
    reason = WebDriverWait(browser, 60).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.modal textarea[name="reason"]')))
    reason.send_keys('Customer complaint, lab check')
    browser.find_element(
        By.XPATH,
        "//div[contains(@class, 'modal-footer')]//button[normalize-space()='Confirm']").click()
    WebDriverWait(browser, 60).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_form_view .alert-danger'), 'Quarantined'))
    with registry_env(odoo_server.db) as env:
        lot = env['stock.production.lot'].browse(ui_data['good'])
        assert lot.quarantined
        assert lot.quarantine_reason == 'Customer complaint, lab check'
