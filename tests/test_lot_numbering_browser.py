# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""In a real browser: the admin finds the lot sequences with their next
number, a worker generates the lots of a receipt with the button."""
import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from test_browser import click_menu, login, open_page
from test_receipt_lots_http import _xmlid


def test_lot_sequences_menu_shows_next_number(browser, odoo_server):
    login(browser, odoo_server)
    click_menu(browser, 'stock.menu_stock_root')
    click_menu(browser, 'lot_traceability.ir_sequence_menu_lot')
    expected = 'LOT/%d/' % datetime.date.today().year
    row = WebDriverWait(browser, 60).until(EC.visibility_of_element_located(
        (By.XPATH,
         "//tr[contains(@class, 'o_data_row')][td[contains(., 'Lots (company default)')]]")))
    assert expected in row.text


def test_generate_lots_button_on_a_receipt(browser, odoo_server):
    server = odoo_server
    admin = server.session('admin', 'admin')
    server.call(admin, 'stock.picking.type', 'write',
                [_xmlid(server, admin, 'stock.picking_type_in')], {'use_create_lots': True})
    product = server.call(admin, 'product.product', 'create', {
        'name': 'Browser sugar', 'type': 'product', 'tracking': 'lot'})
    uom = server.call(admin, 'product.product', 'read', [product], ['uom_po_id'])[0]['uom_po_id'][0]
    order = server.call(admin, 'purchase.order', 'create', {
        'partner_id': _xmlid(server, admin, 'base.res_partner_1'),
        'order_line': [(0, 0, {'product_id': product, 'name': 'Browser sugar', 'product_qty': 5,
                               'product_uom': uom, 'price_unit': 1,
                               'date_planned': '2026-01-01 00:00:00'})]})
    server.call(admin, 'purchase.order', 'button_confirm', [order])
    picking = server.call(admin, 'purchase.order', 'read', [order],
                          ['picking_ids'])[0]['picking_ids'][0]

    login(browser, server)
    open_page(browser, '%s/web#id=%d&model=stock.picking&view_type=form' % (server.url, picking))
    button = WebDriverWait(browser, 60).until(EC.element_to_be_clickable(
        (By.XPATH, "//div[contains(@class, 'o_form_statusbar')]"
                   "//button[normalize-space()='Generate Lots']")))
    button.click()

    def generated(_driver):
        return server.call(admin, 'stock.production.lot', 'search_read',
                           [('product_id', '=', product)], fields=['name', 'receipt_picking_id'])
    lots = WebDriverWait(browser, 60, poll_frequency=1).until(generated)
    assert len(lots) == 1
    assert lots[0]['receipt_picking_id'][0] == picking
    browser.refresh()
    WebDriverWait(browser, 60).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.oe_chatter'), 'Lots generated: %s' % lots[0]['name']))
