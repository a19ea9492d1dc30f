# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A worker scans with a keyboard-wedge scanner in the browser: on a delivery, a
receipt and a manufacturing order form (read mode), the scan is recorded and the
form shows it; a refused scan pops up its message."""
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from scan_data import GTIN_MILK, gs1_code, server_docs  # noqa: F401
from test_browser import login, open_page


def open_form(browser, server, model, res_id):
    open_page(browser, '%s/web#id=%d&model=%s&view_type=form' % (server.url, res_id, model))
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

    def qty_done(line):
        return odoo_server.call(http, 'stock.move.line', 'read', [line], ['qty_done'])[0][
            'qty_done']

    # delivery: the planned lot is scanned, the form shows the done quantity
    line = docs['delivery_line']
    before = qty_done(line)
    open_form(browser, odoo_server, 'stock.picking', docs['delivery'])
    scan_keys(browser, gs1_code(GTIN_MILK, lot='MILK-A'))
    wait_for(lambda: qty_done(line) == before + 1)
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
    assert qty_done(line) == before + 1

    # receipt: a new lot from the supplier's label, with its expiry
    open_form(browser, odoo_server, 'stock.picking', docs['receipt'])
    scan_keys(browser, gs1_code(GTIN_MILK, lot='WEB-RCV', count=4))
    lots = wait_for(lambda: odoo_server.call(
        http, 'stock.production.lot', 'search_read', [('name', '=', 'WEB-RCV')], ['product_id']))
    assert lots[0]['product_id'][0] == docs['milk']

    # manufacturing order: a component lot is consumed
    line = docs['production_line']
    before = qty_done(line)
    open_form(browser, odoo_server, 'mrp.production', docs['production'])
    scan_keys(browser, 'MILK-A')
    wait_for(lambda: qty_done(line) == before + 1)


def test_scan_lot_menu_opens_the_trace(browser, odoo_server, server_docs):
    login(browser, odoo_server)
    open_page(browser, odoo_server.url + '/web#action=lot_traceability.lot_scan_lookup_action')
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


def test_scan_of_another_lot_offers_the_override_with_a_reason(browser, odoo_server):
    """Demo delivery of Hotel Bellevue's open order: the worker scans a granola lot
    that is not the planned one. The dialog offers "Use this lot anyway" (asks a
    reason) and Cancel; cancelling records nothing, the override puts the lot on
    the line, logs the reason and shows it escaped."""
    import os

    from conftest import registry_env
    from harness import settings
    with registry_env(odoo_server.db) as env:
        order = env.ref('lot_traceability.demo_so_bellevue_2')
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        assert picking.state == 'assigned'
        line = picking.move_line_ids
        assert len(line) == 1 and line.lot_id
        planned = line.lot_id.name
        other = 'GRN-0003' if planned != 'GRN-0003' else 'GRN-0002'
        other_id = env['stock.production.lot'].search([('name', '=', other)]).id
        picking_id, line_id, qty_before = picking.id, line.id, line.qty_done
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    http = odoo_server.session()

    def line_state():
        row = odoo_server.call(http, 'stock.move.line', 'read', [line_id],
                               ['lot_id', 'qty_done'])[0]
        return row['lot_id'] and row['lot_id'][1], row['qty_done']

    def lines():
        # an override gives the scanned lot a line of its own (the planned one keeps its lot)
        rows = odoo_server.call(http, 'stock.move.line', 'search_read',
                                [('picking_id', '=', picking_id)], ['lot_id', 'qty_done'])
        return sorted((row['lot_id'] and row['lot_id'][1], row['qty_done']) for row in rows)

    def logs():
        return odoo_server.call(http, 'lot.override.log', 'search_read',
                                [('move_line_id.picking_id', '=', picking_id)],
                                ['reason', 'origin', 'actual_lot_id', 'planned_lot_id'])

    def offer_dialog():
        dialog = WebDriverWait(browser, 30).until(EC.visibility_of_element_located(
            (By.CSS_SELECTOR, '.modal-dialog .o_lot_scan_override')))
        dialog = browser.find_element(By.CSS_SELECTOR, '.modal-dialog')
        buttons = [b.text for b in dialog.find_elements(By.CSS_SELECTOR, '.modal-footer button')]
        assert buttons == ['Use this lot anyway', 'Cancel'], buttons
        assert other in dialog.text and planned in dialog.text
        return dialog

    browser.set_window_size(1400, 900)
    login(browser, odoo_server)
    open_form(browser, odoo_server, 'stock.picking', picking_id)
    scan_keys(browser, other)
    dialog = offer_dialog()
    browser.save_screenshot(os.path.join(folder, 'scan_override_offer.png'))
    dialog.find_element(By.CSS_SELECTOR, '.o_lot_scan_override_cancel').click()
    WebDriverWait(browser, 30).until_not(EC.presence_of_element_located(
        (By.CSS_SELECTOR, '.modal-dialog')))
    assert line_state() == (planned, qty_before) and not logs()

    scan_keys(browser, other)
    dialog = offer_dialog()
    dialog.find_element(By.CSS_SELECTOR, '.o_lot_scan_override_confirm').click()
    error = WebDriverWait(browser, 10).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.modal-dialog .o_lot_scan_override_error')))
    assert 'reason' in error.text            # no reason: asked again, nothing sent
    assert line_state() == (planned, qty_before) and not logs()
    reason = 'Planned lot <b>not</b> on the shelf & pallet damaged'
    dialog.find_element(By.CSS_SELECTOR, '.o_lot_scan_override_reason').send_keys(reason)
    browser.save_screenshot(os.path.join(folder, 'scan_override_reason.png'))
    dialog.find_element(By.CSS_SELECTOR, '.o_lot_scan_override_confirm').click()
    wait_for(lambda: (other, 1.0) in lines())
    assert line_state() == (planned, qty_before)      # what was counted keeps its lot
    log = logs()
    assert len(log) == 1
    assert log[0]['reason'] == reason and log[0]['origin'] == 'scan'
    assert log[0]['actual_lot_id'][0] == other_id and log[0]['planned_lot_id'][1] == planned
    notice = WebDriverWait(browser, 30).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_notification')))
    assert reason in notice.text                        # shown as text, not as HTML
    assert not notice.find_elements(By.TAG_NAME, 'b')
    WebDriverWait(browser, 30).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_form_view'), other))
    browser.save_screenshot(os.path.join(folder, 'scan_override_done.png'))
    chatter = odoo_server.call(http, 'mail.message', 'search_read',
                               [('model', '=', 'stock.picking'), ('res_id', '=', picking_id),
                                ('body', 'ilike', 'pallet damaged')], ['body'])
    assert len(chatter) == 1 and '&lt;b&gt;not&lt;/b&gt;' in chatter[0]['body']
