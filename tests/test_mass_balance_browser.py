# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""In the web client: the lot form's Balance tab shows the figures, warns
about the unexplained quantity and opens the moves behind a figure."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import registry_env
from genealogy_factory import GenealogyFactory
from harness import settings
from test_browser import login
from test_fefo_browser import open_record


def screenshot(browser, name):
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    browser.save_screenshot(os.path.join(folder, name))


def test_balance_tab_warns_and_links_to_moves(browser, odoo_server):
    with registry_env(odoo_server.db) as env:
        f = GenealogyFactory(env)
        product = f.product('UI Balance Oats')
        lot = f.lot(product, 'UI-BAL-1')
        f.receive(lot, 10.0, f.partner('UI Balance Mill'))
        f.deliver(lot, 3.0, f.partner('UI Balance Shop'))
        transit = env['stock.location'].create({
            'name': 'UI Balance truck', 'usage': 'transit',
            'location_id': env.ref('stock.stock_location_locations_virtual').id})
        f._picking(env.ref('stock.picking_type_internal'), f.stock, transit,
                   f.partner('UI Balance Carrier'), lot, 2.0)
        ids = {'lot': lot.id, 'action': env.ref('stock.action_production_lot_form').id}
    login(browser, odoo_server)
    open_record(browser, odoo_server, 'stock.production.lot', ids['lot'], ids['action'])
    tab = WebDriverWait(browser, 60).until(EC.element_to_be_clickable(
        (By.XPATH, "//ul[contains(@class, 'nav-tabs')]//a[normalize-space()='Balance']")))
    tab.click()
    table = WebDriverWait(browser, 60).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, 'table.o_lot_mass_balance')))
    warning = browser.find_element(By.XPATH, "//div[contains(@class, 'alert-warning')]"
                                             "[contains(., 'Not everything is accounted for')]")
    assert warning.is_displayed() and '2.00' in warning.text
    assert 'Received from vendors' in table.text and '10.00' in table.text
    assert 'UI Balance truck (in transit)' in browser.find_element(
        By.CSS_SELECTOR, '.o_form_view').text
    screenshot(browser, 'mass_balance_tab.png')
    link = table.find_element(By.XPATH, ".//td[contains(., 'Delivered to customers')]"
                                        "/following-sibling::td[1]//button")
    assert float(link.text.strip()) == 3.0
    link.click()
    WebDriverWait(browser, 60).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_control_panel .breadcrumb'), 'Delivered'))
    rows = WebDriverWait(browser, 60).until(EC.presence_of_all_elements_located(
        (By.CSS_SELECTOR, '.o_list_view tbody tr.o_data_row')))
    assert len(rows) == 1
    screenshot(browser, 'mass_balance_moves.png')
