# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A supplier label whose lot number is HTML (GS1 AI 10 allows < > = / ( )):
scanned on a receipt form in Chromium, the confirmation shows the text and
runs nothing."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from harness import settings
from scan_data import GTIN_MILK, gs1_code, server_docs  # noqa: F401
from test_browser import login
from test_scan_browser import open_form, scan_keys, wait_for

HTML_LOT = '<svg/onload=xss()>'


def test_html_lot_name_is_shown_as_text(browser, odoo_server, server_docs):
    http = odoo_server.session()
    login(browser, odoo_server)
    open_form(browser, odoo_server, 'stock.picking', server_docs['receipt'])
    browser.execute_script(
        'window.__xss = false; window.xss = function () { window.__xss = true; };')
    scan_keys(browser, gs1_code(GTIN_MILK, lot=HTML_LOT, count=1))
    wait_for(lambda: odoo_server.call(
        http, 'stock.production.lot', 'search_read', [('name', '=', HTML_LOT)], ['product_id']))
    notification = WebDriverWait(browser, 30).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_notification')))
    WebDriverWait(browser, 30).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_notification'), HTML_LOT))
    # read while it shows: a notification goes by itself after a few seconds
    assert HTML_LOT in notification.text
    assert not notification.find_elements(By.TAG_NAME, 'svg')
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    browser.save_screenshot(os.path.join(folder, 'scan_html_lot_notification.png'))
    assert browser.execute_script('return window.__xss;') is False
    lines = odoo_server.call(http, 'stock.move.line', 'search_read',
                             [('lot_id.name', '=', HTML_LOT)], ['qty_done'])
    assert [line['qty_done'] for line in lines] == [1.0]
