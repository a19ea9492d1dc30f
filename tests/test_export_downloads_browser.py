# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exports in Chromium leave the form usable: after the recall's Export EPCIS
and the FSMA request's XLSX and EPCIS exports, the next button works, the new
FSMA request is saved (its reference, not "New") and a reload keeps it."""
import re
import time

from selenium.common.exceptions import (
    ElementClickInterceptedException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import factories
from conftest import registry_env
from test_browser import login, open_page
from test_recall_workspace_browser import open_form, shot


def chatter_says(browser, text, timeout=120):
    WebDriverWait(browser, timeout).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_mail_thread, .o_thread_window, .oe_chatter'), text))


def export(browser, button, timeout=300):
    """Click the header button labelled BUTTON as soon as the screen takes the
    click: the web client blocks it while a file downloads, and a download
    that never ends leaves it blocked (the test then fails here)."""
    path = ('//div[contains(@class, "o_statusbar_buttons")]/button[normalize-space()="%s"]'
            % button)

    def clicked(driver):
        try:
            buttons = [b for b in driver.find_elements(By.XPATH, path)
                       if b.is_displayed() and b.is_enabled()]
            if not buttons:
                return False
            buttons[0].click()
        except (ElementClickInterceptedException, StaleElementReferenceException):
            return False
        return True
    WebDriverWait(browser, timeout, poll_frequency=0.5).until(clicked)


def no_error_dialog(browser):
    time.sleep(1)   # the last download has started: wait for it to arrive
    WebDriverWait(browser, 300).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, '.blockUI'))
    assert not browser.find_elements(By.CSS_SELECTOR, '.o_dialog_warning, .o_error_detail')
    assert not [d for d in browser.find_elements(By.CSS_SELECTOR, '.modal-dialog')
                if d.is_displayed()]


def test_recall_export_epcis_then_the_next_button_works(browser, odoo_server):
    with registry_env(odoo_server.db) as env:
        env['ir.config_parameter'].set_param('report.url', odoo_server.url)
        lot = env.ref('lot_traceability.demo_lot_grn_0002')
        recall = factories.traced_recall(env, lot, 'Export check GRN-0002', direction='downstream')
        recall_id = recall.id
    browser.set_window_size(1400, 900)
    login(browser, odoo_server)
    open_form(browser, odoo_server, 'lot.recall', recall_id, 'lot_traceability.lot_recall_action')
    export(browser, 'Export EPCIS')
    # every button works again
    export(browser, 'Export XLSX')
    chatter_says(browser, 'XLSX exported in')
    export(browser, 'Export EPCIS')
    export(browser, 'Print PDF')
    export(browser, 'Export XLSX')
    no_error_dialog(browser)
    shot(browser, 'recall_after_exports.png')
    with registry_env(odoo_server.db) as env:
        assert env['lot.recall'].browse(recall_id).date_first_export


def test_new_fsma_request_exports_saves_and_stays_usable(browser, odoo_server):
    with registry_env(odoo_server.db) as env:
        action_id = env.ref('lot_traceability.lot_fsma_request_action').id
        before = env['lot.fsma.request'].search([]).ids
    wait = WebDriverWait(browser, 120)
    browser.set_window_size(1400, 900)
    login(browser, odoo_server)
    open_page(browser, '%s/web#model=lot.fsma.request&view_type=form&action=%d'
              % (odoo_server.url, action_id))
    title = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.oe_title h1')))
    assert title.text.strip() == 'New'
    browser.find_element(By.CSS_SELECTOR, 'input[name="requested_by"]').send_keys(
        'FDA, J. Smith, ref 2026-17')
    for name, day in (('date_from', '01/01/2020'), ('date_to', '12/31/2030')):
        field = browser.find_element(By.CSS_SELECTOR, '[name="%s"] input, input[name="%s"]'
                                     % (name, name))
        field.clear()
        field.send_keys(day + Keys.TAB)
    tags = browser.find_element(By.CSS_SELECTOR, '.o_field_widget[name="lot_ids"] input')
    tags.send_keys('GRN-0001')
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//ul[contains(@class, "ui-autocomplete")]//a[contains(., "GRN-0001")]'))
    ).click()
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_field_widget[name="lot_ids"]'), 'GRN-0001'))

    export(browser, 'Sortable spreadsheet (XLSX)')
    # saved: its reference shows, the address names it, the chatter has the export
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '.oe_title').text.strip()
               not in ('', 'New'))
    chatter_says(browser, 'XLSX written in')
    export(browser, 'EPCIS 2.0 (JSON-LD)')
    chatter_says(browser, 'EPCIS written in')
    export(browser, 'Sortable spreadsheet (XLSX)')
    export(browser, 'EPCIS 2.0 (JSON-LD)')
    no_error_dialog(browser)
    shot(browser, 'fsma_request_after_exports.png')
    name = browser.find_element(By.CSS_SELECTOR, '.oe_title').text.strip()
    with registry_env(odoo_server.db) as env:
        request = env['lot.fsma.request'].search([('id', 'not in', before)])
        assert len(request) == 1 and request.name == name
        assert request.requested_by == 'FDA, J. Smith, ref 2026-17'
        assert request.lot_ids.mapped('name') == ['GRN-0001']
        request_id = request.id
    assert re.search(r'[#&]id=%d(&|$)' % request_id, browser.current_url), browser.current_url
    browser.refresh()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, '.oe_title'), name))
    shot(browser, 'fsma_request_after_reload.png')
