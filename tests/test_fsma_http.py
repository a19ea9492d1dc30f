"""EPCIS and FSMA downloads over real HTTP, as a plain stock user: a request made
and exported through JSON-RPC, the documents fetched with GET."""
import glob
import io
import os
import tempfile
import time

import jsonschema
import openpyxl
import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import registry_env
from recall_common import build_scenario
from test_browser import click_menu, login
from test_recall_http import click_visible_button

from odoo.addons.lot_traceability.tools import epcis_schema

XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'


@pytest.fixture(scope='module')
def fsma_data(odoo_server):
    with registry_env(odoo_server.db) as env:
        s = build_scenario(env, 'FSMAHTTP')
        recall = env['lot.recall'].create({'reason': 'Supplier alert', 'direction': 'both',
                                           'lot_ids': [(6, 0, s.rm_lot.ids)]})
        recall.action_compute()
        env['res.users'].create({
            'name': 'Stock clerk FSMA', 'login': 'fsma_clerk', 'password': 'fsma_clerk',
            'email': 'fsma_clerk@example.com',
            'groups_id': [(6, 0, [env.ref('stock.group_stock_user').id])]})
        other = env['res.company'].create({'name': 'Other Co FSMA'})
        env['res.users'].create({
            'name': 'Other Co FSMA clerk', 'login': 'fsma_other', 'password': 'fsma_other',
            'company_id': other.id, 'company_ids': [(6, 0, other.ids)],
            'groups_id': [(6, 0, [env.ref('stock.group_stock_user').id])]})
        return {'recall_id': recall.id, 'product_id': s.fg_lot.product_id.id,
                'product_name': s.fg_lot.product_id.name,
                'fg_lot': s.fg_lot.name, 'rm_lot': s.rm_lot.name}


def call(server, http, model, method, args, kwargs=None):
    return server.jsonrpc(http, '/web/dataset/call_kw', model=model, method=method,
                          args=args, kwargs=kwargs or {})


def test_stock_user_gets_the_recall_epcis(odoo_server, fsma_data):
    http = odoo_server.session('fsma_clerk', 'fsma_clerk')
    url = '%s/lot_traceability/recall/%d/epcis' % (odoo_server.url, fsma_data['recall_id'])
    answer = http.get(url, timeout=120)
    assert answer.status_code == 200
    assert answer.headers['Content-Type'].startswith('application/ld+json')
    assert '.epcis.jsonld' in answer.headers['Content-Disposition']
    document = answer.json()
    jsonschema.validate(document, epcis_schema.SCHEMA)
    events = document['epcisBody']['eventList']
    types = [e['type'] for e in events]
    assert 'TransformationEvent' in types
    assert {e.get('bizStep') for e in events} >= {'receiving', 'shipping'}
    assert any(fsma_data['rm_lot'] in q['epcClass'] for e in events
               for q in e.get('quantityList', []))
    # the same document again: same event IDs
    again = http.get(url, timeout=120).json()
    assert [e['eventID'] for e in again['epcisBody']['eventList']] == \
        [e['eventID'] for e in events]


def test_stock_user_answers_an_fsma_request(odoo_server, fsma_data):
    http = odoo_server.session('fsma_clerk', 'fsma_clerk')
    request_id = call(odoo_server, http, 'lot.fsma.request', 'create', [{
        'product_ids': [(6, 0, [fsma_data['product_id']])],
        'date_from': '2020-01-01', 'date_to': '2099-12-31', 'requested_by': 'FDA'}])
    action = call(odoo_server, http, 'lot.fsma.request', 'action_export_xlsx', [[request_id]])
    answer = http.get(odoo_server.url + action['url'], timeout=120)
    assert answer.status_code == 200
    assert answer.headers['Content-Type'] == XLSX_MIME
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames[-1] == 'Glossary'
    shipped = [r[0] for r in book['Shipping'].iter_rows(min_row=2, values_only=True)]
    assert fsma_data['fg_lot'] in shipped
    made = [r[4] for r in book['Transformation'].iter_rows(min_row=2, values_only=True)]
    assert fsma_data['fg_lot'] in made
    action = call(odoo_server, http, 'lot.fsma.request', 'action_export_epcis', [[request_id]])
    document = http.get(odoo_server.url + action['url'], timeout=120).json()
    jsonschema.validate(document, epcis_schema.SCHEMA)
    assert document['epcisBody']['eventList']
    # another company's user neither reads it nor downloads it
    other = odoo_server.session('fsma_other', 'fsma_other')
    for path in (action['url'], action['url'].replace('/epcis', '/xlsx')):
        refused = other.get(odoo_server.url + path, timeout=60)
        assert refused.status_code == 403
    missing = http.get('%s/lot_traceability/fsma/999999/xlsx' % odoo_server.url, timeout=60)
    assert missing.status_code == 404


def test_anonymous_is_sent_to_the_login_page(odoo_server, fsma_data):
    url = '%s/lot_traceability/recall/%d/epcis' % (odoo_server.url, fsma_data['recall_id'])
    answer = requests.get(url, timeout=60, allow_redirects=False)
    assert answer.status_code in (302, 303)
    assert '/web/login' in answer.headers['Location']


def test_quality_manager_answers_a_request_from_the_menu(browser, odoo_server, fsma_data):
    folder = tempfile.mkdtemp(prefix='fsma-xlsx-')
    browser.execute_cdp_cmd('Page.setDownloadBehavior', {'behavior': 'allow',
                                                         'downloadPath': folder})
    wait = WebDriverWait(browser, 120)
    login(browser, odoo_server)
    click_menu(browser, 'stock.menu_stock_root')
    click_menu(browser, 'lot_traceability.menu_lot_fsma_request')
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_control_panel .breadcrumb'), 'FSMA 204 Requests'))
    wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, '.o_list_button_add'))).click()
    products = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_field_widget[name="product_ids"] input')))
    products.send_keys(fsma_data['product_name'])
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//ul[contains(@class, "ui-autocomplete")]//a[contains(., "%s")]'
         % fsma_data['product_name']))).click()
    for name, value in (('date_from', '01/01/2020'), ('date_to', '12/31/2099')):
        field = browser.find_element(By.CSS_SELECTOR, '.o_field_widget[name="%s"] input, '
                                                      'input.o_field_widget[name="%s"]'
                                     % (name, name))
        field.clear()
        field.send_keys(value + Keys.TAB)
    browser.find_element(By.CSS_SELECTOR, 'input.o_field_widget[name="requested_by"], '
                                          '.o_field_widget[name="requested_by"] input'
                         ).send_keys('FDA CORE request 42')
    browser.find_element(By.CSS_SELECTOR, '.o_form_button_save').click()
    wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.o_form_button_edit')))
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_control_panel .breadcrumb'), 'FSMA/'))
    time.sleep(2)
    click_visible_button(browser, 'Sortable spreadsheet (XLSX)')
    deadline = time.time() + 120
    files = []
    while time.time() < deadline and not files:
        files = [f for f in glob.glob(os.path.join(folder, '*.xlsx'))
                 if not glob.glob(os.path.join(folder, '*.crdownload'))]
        time.sleep(0.5)
    assert files, 'no XLSX downloaded'
    book = openpyxl.load_workbook(files[0])
    shipped = [r[0] for r in book['Shipping'].iter_rows(min_row=2, values_only=True)]
    assert fsma_data['fg_lot'] in shipped
    summary = {r[0]: r[1] for r in book['Summary'].iter_rows(values_only=True)}
    assert summary['Requested by'] == 'FDA CORE request 42'
    browser.refresh()
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_thread_message_content, .o_mail_thread'), 'XLSX written'))
    os.makedirs(os.path.join(tempfile.gettempdir(), 'lot_screens'), exist_ok=True)
    browser.save_screenshot(os.path.join(tempfile.gettempdir(), 'lot_screens',
                                         'fsma_request_form.png'))
