# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The recall XLSX download over real HTTP, and a quality manager running a
recall from the menu in a real headless Chromium."""
import glob
import io
import os
import tempfile
import time

import openpyxl
import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import factories
from conftest import registry_env
from recall_common import build_scenario
from test_browser import click_menu, login

XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'


def screenshot(name):
    from harness import settings
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, name)


@pytest.fixture(scope='module')
def recall_data(odoo_server):
    """A committed scenario, a traced recall and a user of another company."""
    with registry_env(odoo_server.db) as env:
        s = build_scenario(env, 'HTTP')
        recall = factories.traced_recall(env, s.rm_lot, 'Supplier alert', direction='downstream')
        other_company = env['res.company'].create({'name': 'Other Co HTTP'})
        factories.user(env, 'Other Co quality', 'other_quality',
                       ['stock.group_stock_manager', 'base.group_user'], company=other_company,
                       password='other_quality')
        data = {'recall_id': recall.id, 'recall_name': recall.name,
                'customers': sorted(recall.customer_ids.mapped('name')),
                'rm_lot': s.rm_lot.name, 'fg_lot': s.fg_lot.name}
    return data


def url(server, recall_id):
    return '%s/lot_traceability/recall/%d/xlsx' % (server.url, recall_id)


def test_logged_in_user_downloads_the_xlsx(odoo_server, recall_data):
    http = odoo_server.session('admin', 'admin')
    answer = http.get(url(odoo_server, recall_data['recall_id']), timeout=120)
    assert answer.status_code == 200
    assert answer.headers['Content-Type'] == XLSX_MIME
    assert recall_data['recall_name'].replace('/', '-') in answer.headers['Content-Disposition']
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ['Summary', 'Receiving', 'Transformation', 'Shipping', 'Mass balance',
                               'Glossary']
    shipped_to = {row[4].split(';')[0]
                  for row in book['Shipping'].iter_rows(min_row=2, values_only=True)}
    assert set(recall_data['customers']) <= shipped_to


def test_the_download_writes_nothing(odoo_server, recall_data):
    """The GET is a download only: the export is recorded by the button (a POST)."""
    http = odoo_server.session('admin', 'admin')
    with registry_env(odoo_server.db) as env:
        before = env['lot.recall'].browse(recall_data['recall_id']).read(
            ['date_first_export', 'export_seconds', 'message_ids', 'write_date'])[0]
    answer = http.get(url(odoo_server, recall_data['recall_id']), timeout=120)
    assert answer.status_code == 200 and answer.content.startswith(b'PK')
    with registry_env(odoo_server.db) as env:
        after = env['lot.recall'].browse(recall_data['recall_id']).read(
            ['date_first_export', 'export_seconds', 'message_ids', 'write_date'])[0]
    assert after == before


def test_anonymous_is_sent_to_the_login_page(odoo_server, recall_data):
    answer = requests.get(url(odoo_server, recall_data['recall_id']), timeout=60,
                          allow_redirects=False)
    assert answer.status_code in (302, 303)
    assert '/web/login' in answer.headers['Location']
    followed = requests.get(url(odoo_server, recall_data['recall_id']), timeout=60)
    assert XLSX_MIME not in followed.headers.get('Content-Type', '')


def test_user_of_another_company_is_refused(odoo_server, recall_data):
    http = odoo_server.session('other_quality', 'other_quality')
    answer = http.get(url(odoo_server, recall_data['recall_id']), timeout=60)
    assert answer.status_code == 403
    assert XLSX_MIME not in answer.headers.get('Content-Type', '')


def test_unknown_recall_is_not_found(odoo_server, recall_data):
    http = odoo_server.session('admin', 'admin')
    answer = http.get(url(odoo_server, 999999), timeout=60)
    assert answer.status_code == 404


def wait_for_download(folder, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        files = [f for f in glob.glob(os.path.join(folder, '*.xlsx'))]
        if files and not glob.glob(os.path.join(folder, '*.crdownload')):
            return files[0]
        time.sleep(0.5)
    raise AssertionError('no XLSX downloaded into %s' % folder)


def click_visible_button(browser, name, timeout=120):
    """Click the displayed header button labelled NAME."""
    def find(driver):
        buttons = driver.find_elements(By.XPATH, '//div[contains(@class, "o_statusbar_buttons")]'
                                                 '/button[normalize-space()="%s"]' % name)
        shown = [b for b in buttons if b.is_displayed() and b.is_enabled()]
        return shown[0] if shown else False
    try:
        WebDriverWait(browser, timeout).until(find).click()
    except Exception:
        html = browser.execute_script(
            "return Array.from(document.querySelectorAll('.o_form_statusbar button'))"
            ".map(b => b.outerHTML + ' ' + b.offsetWidth).join('\\n');")
        raise AssertionError('no visible button %s; header buttons:\n%s' % (name, html))


def test_quality_manager_runs_a_recall_from_the_menu_and_downloads_the_xlsx(
        browser, odoo_server, recall_data):
    folder = tempfile.mkdtemp(prefix='recall-xlsx-')
    browser.execute_cdp_cmd('Page.setDownloadBehavior', {'behavior': 'allow',
                                                         'downloadPath': folder})
    wait = WebDriverWait(browser, 120)
    login(browser, odoo_server)
    click_menu(browser, 'stock.menu_stock_root')
    click_menu(browser, 'lot_traceability.lot_recall_menu')
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_control_panel .breadcrumb'), 'Recalls'))
    wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, '.o_list_button_add'))).click()

    reason = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_form_view textarea[name="reason"]')))
    reason.send_keys('Mill warns: flour lot %s contaminated' % recall_data['rm_lot'])
    tags = browser.find_element(By.CSS_SELECTOR, '.o_field_widget[name="lot_ids"] input')
    tags.send_keys(recall_data['rm_lot'])
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//ul[contains(@class, "ui-autocomplete")]//a[normalize-space()="%s"]'
         % recall_data['rm_lot']))).click()
    wait.until(EC.presence_of_element_located(
        (By.XPATH, '//div[@name="lot_ids"]//span[contains(., "%s")]' % recall_data['rm_lot'])))
    browser.find_element(By.CSS_SELECTOR, '.o_form_button_save').click()

    wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.o_form_button_edit')))
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_control_panel .breadcrumb'), 'RC/'))
    time.sleep(2)  # let the saved form settle before using its buttons
    click_visible_button(browser, 'Trace affected lots')
    for customer in recall_data['customers']:
        wait.until(EC.text_to_be_present_in_element(
            (By.CSS_SELECTOR, '.o_field_one2many[name="customer_ids"]'), customer))
    click_visible_button(browser, 'Export XLSX')

    path = wait_for_download(folder)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ['Summary', 'Receiving', 'Transformation', 'Shipping', 'Mass balance',
                               'Glossary']
    shipped = list(book['Shipping'].iter_rows(min_row=2, values_only=True))
    assert {row[4].split(';')[0] for row in shipped} >= set(recall_data['customers'])
    assert recall_data['fg_lot'] in {row[0] for row in shipped}
    summary = {row[0]: row[1] for row in book['Summary'].iter_rows(values_only=True)}
    assert 'contaminated' in summary['Reason']

    # the form is not frozen: the buttons work again, the export is recorded
    wait.until(lambda d: d.execute_script("return !document.querySelector('.blockUI');"))
    with registry_env(odoo_server.db) as env:
        recall = env['lot.recall'].search([('reason', 'like', recall_data['rm_lot'])])
        assert len(recall) == 1 and recall.date_first_export
    browser.set_window_size(1400, 900)
    browser.save_screenshot(screenshot('recall_after_xlsx_export.png'))
    click_visible_button(browser, 'Close')
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR,
         '.o_statusbar_status .btn-primary, .o_statusbar_status .o_arrow_button.btn-primary'),
        'Closed'))
    click_visible_button(browser, 'Reopen')
    # the dialog asks why; the reason goes to the chatter
    wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.modal-dialog textarea[name="reason"]'))).send_keys(
        'A late delivery was found')
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//div[contains(@class, "modal-footer")]//button[normalize-space()="Reopen"]'
         ))).click()
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_statusbar_status .btn-primary'), 'Open'))
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_mail_thread'), 'Reason: A late delivery was found'))
