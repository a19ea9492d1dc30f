# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""EPCIS and FSMA downloads over real HTTP, as a plain stock user: a request made
and exported through JSON-RPC, the documents fetched with GET."""
import io

import jsonschema
import openpyxl
import pytest
import requests

import epcis_schema
import factories
from conftest import registry_env
from recall_common import build_scenario

XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'


@pytest.fixture(scope='module')
def fsma_data(odoo_server):
    with registry_env(odoo_server.db) as env:
        s = build_scenario(env, 'FSMAHTTP')
        recall = factories.traced_recall(env, s.rm_lot, 'Supplier alert', direction='both')
        factories.login_user(env, 'fsma_clerk', ['stock.group_stock_user'],
                             name='Stock clerk FSMA')
        other = env['res.company'].create({'name': 'Other Co FSMA'})
        factories.user(env, 'Other Co FSMA clerk', 'fsma_other', ['stock.group_stock_user'],
                       company=other, password='fsma_other')
        return {'recall_id': recall.id, 'product_id': s.fg_lot.product_id.id,
                'product_name': s.fg_lot.product_id.name,
                'fg_lot': s.fg_lot.name, 'rm_lot': s.rm_lot.name}


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
    request_id = odoo_server.call(http, 'lot.fsma.request', 'create', {
        'product_ids': [(6, 0, [fsma_data['product_id']])],
        'date_from': '2020-01-01', 'date_to': '2099-12-31', 'requested_by': 'FDA'})
    action = odoo_server.call(http, 'lot.fsma.request', 'action_export_xlsx', [request_id])
    answer = http.get(odoo_server.url + action['params']['url'], timeout=120)
    assert answer.status_code == 200
    assert answer.headers['Content-Type'] == XLSX_MIME
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames[-1] == 'Glossary'
    shipped = [r[0] for r in book['Shipping'].iter_rows(min_row=2, values_only=True)]
    assert fsma_data['fg_lot'] in shipped
    made = [r[4] for r in book['Transformation'].iter_rows(min_row=2, values_only=True)]
    assert fsma_data['fg_lot'] in made
    action = odoo_server.call(http, 'lot.fsma.request', 'action_export_epcis', [request_id])
    document = http.get(odoo_server.url + action['params']['url'], timeout=120).json()
    jsonschema.validate(document, epcis_schema.SCHEMA)
    assert document['epcisBody']['eventList']
    # another company's user neither reads it nor downloads it
    other = odoo_server.session('fsma_other', 'fsma_other')
    for path in (action['params']['url'], action['params']['url'].replace('/epcis', '/xlsx')):
        refused = other.get(odoo_server.url + path, timeout=60)
        assert refused.status_code == 403
    missing = http.get('%s/lot_traceability/fsma/999999/xlsx' % odoo_server.url, timeout=60)
    assert missing.status_code == 404


def test_anonymous_is_sent_to_the_login_page(odoo_server, fsma_data):
    url = '%s/lot_traceability/recall/%d/epcis' % (odoo_server.url, fsma_data['recall_id'])
    answer = requests.get(url, timeout=60, allow_redirects=False)
    assert answer.status_code in (302, 303)
    assert '/web/login' in answer.headers['Location']
