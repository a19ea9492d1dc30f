"""A worker scans with a keyboard-wedge scanner in the browser: on a delivery, a
receipt and a manufacturing order form (read mode), the scan is recorded and the
form shows it; a refused scan pops up its message."""
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from scan_data import GTIN_MILK, gs1_code, server_docs  # noqa: F401
from test_browser import login


def read(server, http, model, ids, fields):
    return server.jsonrpc(http, '/web/dataset/call_kw', model=model, method='read',
                          args=[ids, fields], kwargs={})


def open_form(browser, server, model, res_id):
    # a query string of its own: a full page load, not a mere change of the hash
    browser.get('%s/web?open=%s%d#id=%d&model=%s&view_type=form' % (
        server.url, model, res_id, res_id, model))
    WebDriverWait(browser, 60).until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, '.o_form_view .o_form_sheet')))
    time.sleep(1)  # let the form controller register its barcode handler


def scan_keys(browser, barcode):
    """Type like a scanner: all characters at once, then Enter, on the page body."""
    body = browser.find_element(By.TAG_NAME, 'body')
    ActionChains(browser).move_to_element(body).send_keys(barcode + '\n').perform()


def wait_for(condition, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError('condition not met in %d s' % timeout)


def test_scanning_in_the_browser(browser, odoo_server, server_docs):
    docs = server_docs
    http = odoo_server.session()
    login(browser, odoo_server)

    # delivery: the planned lot is scanned, the form shows the done quantity
    line = docs['delivery_line']
    before = read(odoo_server, http, 'stock.move.line', [line], ['qty_done'])[0]['qty_done']
    open_form(browser, odoo_server, 'stock.picking', docs['delivery'])
    scan_keys(browser, gs1_code(GTIN_MILK, lot='MILK-A'))
    wait_for(lambda: read(odoo_server, http, 'stock.move.line', [line], ['qty_done'])[0][
        'qty_done'] == before + 1)
    expected = '%.3f' % (before + 1)
    WebDriverWait(browser, 30).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_form_view'), expected))
    WebDriverWait(browser, 30).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_notification'), 'Lot MILK-A'))

    # an expired lot: the worker sees why, nothing is recorded
    scan_keys(browser, 'MILK-OLD')
    dialog = WebDriverWait(browser, 30).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.modal-dialog')))
    assert 'Expired' in dialog.text and 'MILK-OLD' in dialog.text
    dialog.find_element(By.CSS_SELECTOR, '.modal-footer button').click()
    assert read(odoo_server, http, 'stock.move.line', [line], ['qty_done'])[0]['qty_done'] \
        == before + 1

    # receipt: a new lot from the supplier's label, with its expiry
    open_form(browser, odoo_server, 'stock.picking', docs['receipt'])
    scan_keys(browser, gs1_code(GTIN_MILK, lot='WEB-RCV', count=4))
    lots = wait_for(lambda: odoo_server.jsonrpc(
        http, '/web/dataset/call_kw', model='stock.production.lot', method='search_read',
        args=[[('name', '=', 'WEB-RCV')], ['product_id']], kwargs={}))
    assert lots[0]['product_id'][0] == docs['milk']

    # manufacturing order: a component lot is consumed
    line = docs['production_line']
    before = read(odoo_server, http, 'stock.move.line', [line], ['qty_done'])[0]['qty_done']
    open_form(browser, odoo_server, 'mrp.production', docs['production'])
    scan_keys(browser, 'MILK-A')
    wait_for(lambda: read(odoo_server, http, 'stock.move.line', [line], ['qty_done'])[0][
        'qty_done'] == before + 1)


def test_scan_lot_menu_opens_the_trace(browser, odoo_server, server_docs):
    login(browser, odoo_server)
    browser.get(odoo_server.url + '/web?open=lookup#action=lot_traceability.lot_scan_lookup_action')
    WebDriverWait(browser, 60).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.modal-dialog .o_form_view')))
    time.sleep(1)
    scan_keys(browser, gs1_code(GTIN_MILK, lot='MILK-B'))
    WebDriverWait(browser, 30).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.modal-dialog .o_form_view'), 'Lot MILK-B'))
    browser.find_element(By.CSS_SELECTOR, '.modal-footer button.btn-primary').click()
    # Odoo's up/down traceability report, opened on that lot (which has no done move yet)
    WebDriverWait(browser, 60).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_content'), 'No operation made on this lot.'))
