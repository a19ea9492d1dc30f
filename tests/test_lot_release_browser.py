# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A quality manager in Chromium (1400x900): the lot awaiting release shows
its status, the release dialog asks the note and takes the certificate of
analysis, the lot is released; the awaiting-release list and the receipt
card of the Inventory dashboard count the lots waiting."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import factories
from conftest import registry_env
from test_browser import login, open_page
from test_recall_http import click_visible_button
from test_recall_workspace_browser import open_form, shot

CERTIFICATE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                           'lot_traceability', 'demo', 'coa_hny_0001.pdf')


def test_release_dialog_badge_and_awaiting_list(browser, odoo_server):
    with registry_env(odoo_server.db) as env:
        honey = env.ref('lot_traceability.demo_product_honey')
        receipt_type = env.ref('stock.picking_type_in')
        picking = factories.picking(env, receipt_type, env.ref('stock.stock_location_suppliers'),
                                    env.ref('stock.stock_location_stock'), [(honey, 25)],
                                    partner=env.ref('lot_traceability.demo_vendor_golden_hive'))
        lot = factories.lot(env, honey, 'HNY-BRW-1')
        picking.move_line_ids.write({'lot_id': lot.id, 'qty_done': 25})
        picking.action_done()
        lot = picking.move_line_ids.lot_id
        assert lot.release_state == 'pending'
        lot_id = lot.id
        waiting = env['stock.production.lot'].search_count([('release_state', '=', 'pending')])
        on_card = receipt_type.count_lot_awaiting_release
    assert waiting >= 1 and on_card >= 1
    wait = WebDriverWait(browser, 120)
    browser.set_window_size(1400, 900)
    login(browser, odoo_server)

    # the dashboard's receipt card counts the lots waiting
    open_page(browser, odoo_server.url + '/web#action=stock.stock_picking_type_action')
    row = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_lot_awaiting_release')))
    assert 'To release' in row.text and str(on_card) in row.text
    shot(browser, 'release_dashboard_card.png')
    row.find_element(By.TAG_NAME, 'a').click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, '.o_list_view'), 'HNY-BRW-1'))
    shot(browser, 'release_awaiting_from_card.png')

    # the list of the menu
    open_page(browser, odoo_server.url + '/web#action=lot_traceability.lot_awaiting_release_action')
    table = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.o_list_view')))
    wait.until(lambda d: 'HNY-BRW-1' in table.text)
    assert 'Awaiting release' in table.text
    assert 'Released' not in table.text.replace('Awaiting release', '')
    shot(browser, 'release_awaiting_list.png')

    # the lot: status bar and banner, then the release dialog
    open_form(browser, odoo_server, 'stock.production.lot', lot_id,
              'lot_traceability.lot_awaiting_release_action')
    banner = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_lot_release_pending')))
    assert 'Awaiting release' in banner.text
    status = browser.find_element(By.CSS_SELECTOR, '.o_statusbar_status .btn-primary')
    assert status.text.strip() == 'Awaiting release'
    shot(browser, 'release_lot_pending.png')
    click_visible_button(browser, 'Quality Release')
    dialog = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))
    wait.until(lambda d: 'Certificate of Analysis' in dialog.text)
    assert 'needs a certificate of analysis' in dialog.text
    # confirming without a certificate is refused in the user's words
    dialog.find_element(By.CSS_SELECTOR, 'textarea[name="note"], .o_field_widget[name="note"]'
                        ).send_keys('Moisture 17.0 %, conforms')
    shot(browser, 'release_dialog.png')
    dialog.find_element(By.XPATH, './/button[normalize-space()="Confirm"]').click()
    warning = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_dialog_warning, .modal-body.o_dialog_warning, .o_error_dialog')))
    assert 'certificate of analysis' in warning.text.lower()
    shot(browser, 'release_dialog_needs_certificate.png')
    warning_modal = browser.find_elements(By.CSS_SELECTOR, '.modal-dialog')[-1]
    warning_modal.find_element(By.XPATH, './/button[normalize-space()="Ok"]').click()
    wait.until(lambda d: len([m for m in d.find_elements(By.CSS_SELECTOR, '.modal-dialog')
                              if m.is_displayed()]) == 1)
    upload = dialog.find_element(By.CSS_SELECTOR, 'input.o_input_file, input[type="file"]')
    upload.send_keys(CERTIFICATE)
    wait.until(lambda d: 'coa_hny_0001.pdf' in dialog.text or
               dialog.find_elements(By.CSS_SELECTOR, '.o_field_binary_file input[value]'))
    shot(browser, 'release_dialog_with_certificate.png')
    dialog.find_element(By.XPATH, './/button[normalize-space()="Confirm"]').click()
    wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))
    wait.until(lambda d: d.find_element(
        By.CSS_SELECTOR, '.o_statusbar_status .btn-primary').text.strip() == 'Released')
    assert not browser.find_elements(
        By.CSS_SELECTOR, '.o_lot_release_pending:not(.o_invisible_modifier)')
    browser.find_element(By.XPATH, '//a[normalize-space()="Quality"]').click()
    tab = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_field_one2many[name="release_decision_ids"]')))
    assert 'Moisture 17.0 %, conforms' in tab.text and 'Released' in tab.text
    assert 'coa_hny_0001.pdf' in tab.text
    browser.execute_script('arguments[0].scrollIntoView({block: "center"})', tab)
    shot(browser, 'release_lot_released.png')
    with registry_env(odoo_server.db) as env:
        lot = env['stock.production.lot'].browse(lot_id)
        assert lot.release_state == 'released'
        assert lot.release_decision_ids.certificate_id.datas_fname == 'coa_hny_0001.pdf'
