# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""EPCIS 2.0 documents from FSMA events (no database): shape, identifiers, event
hashes, and the project's JSON Schema written from the standard's required fields."""
import copy
import datetime
import json

import jsonschema
import pytest

from odoo.addons.lot_traceability.tools import epcis

import epcis_schema
import fsma_data
from test_epcis_hash_adapter import hashes_through_jsonld

IDS = epcis.Identifiers('https://acme.example')


def streams():
    return {'receiving': [fsma_data.receiving()],
            'transformation': [fsma_data.transformation(),
                               fsma_data.transformation(key='edge2', input_lot='HNY-0001',
                                                        qty=5.0),
                               fsma_data.transformation(key='edge3', production_id=6,
                                                        input_lot='HZN-0002')],
            'shipping': [fsma_data.shipping()]}


def document(events, creation_date=None):
    """The whole EPCISDocument written by epcis.write_document, as a dict."""
    chunks = []
    epcis.write_document(chunks.append, events, creation_date)
    return json.loads(''.join(chunks))


def build(creation='2026-03-10T00:00:00.000Z'):
    return document(epcis.epcis_events(IDS, streams()), creation)


def test_document_header_and_schema():
    doc = build()
    jsonschema.validate(doc, epcis_schema.SCHEMA)
    assert doc['@context'] == ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld']
    assert doc['type'] == 'EPCISDocument' and doc['schemaVersion'] == '2.0'
    assert doc['creationDate'] == '2026-03-10T00:00:00.000Z'
    types = [e['type'] for e in doc['epcisBody']['eventList']]
    assert types == ['ObjectEvent', 'TransformationEvent', 'TransformationEvent', 'ObjectEvent']


def test_receiving_object_event():
    event = build()['epcisBody']['eventList'][0]
    assert event['action'] == 'OBSERVE' and event['bizStep'] == 'receiving'
    # 14:30 UTC in Chicago (the site's time zone), 2 March 2026: UTC-6 (before daylight saving)
    assert event['eventTime'] == '2026-03-02T14:30:00.000Z'
    assert event['eventTimeZoneOffset'] == '-06:00'
    assert event['quantityList'] == [{
        'epcClass': 'https://id.gs1.org/01/09521568251204/10/HZN-0001',
        'quantity': 25.0, 'uom': 'KGM'}]
    assert event['bizTransactionList'] == [
        {'type': 'po',
         'bizTransaction': 'https://acme.example/lot_traceability/document/po/PO00012'},
        {'type': 'recadv',
         'bizTransaction': 'https://acme.example/lot_traceability/document/recadv/WH%2FIN%2F00007'}]
    # the site has a GLN: SGLN (GS1 Digital Link form) with the stock location as extension
    assert event['bizLocation'] == {'id': 'https://id.gs1.org/414/0614141000005'}
    assert event['readPoint'] == {'id': 'https://id.gs1.org/414/0614141000005/254/12'}
    assert event['sourceList'] == [
        {'type': 'owning_party', 'source': 'https://acme.example/lot_traceability/party/3'},
        {'type': 'location', 'source': 'https://acme.example/lot_traceability/site/3'}]
    assert event['destinationList'][1] == {'type': 'location',
                                           'destination': 'https://id.gs1.org/414/0614141000005'}
    assert 'ilmd' not in event  # EPCIS: ilmd only where the lot is created


def test_shipping_object_event_without_gtin_uses_company_uris():
    event = build()['epcisBody']['eventList'][3]
    assert event['bizStep'] == 'shipping' and event['disposition'] == 'in_transit'
    # counted in units: no uom (EPCIS reads a count)
    assert event['quantityList'] == [{
        'epcClass': 'https://acme.example/lot_traceability/product/11/lot/PMX-0001',
        'quantity': 40.0}]
    assert event['destinationList'][0] == {
        'type': 'owning_party', 'destination': 'https://acme.example/lot_traceability/party/4'}
    assert [t['type'] for t in event['bizTransactionList']] == ['desadv', 'po']


def test_transformations_group_the_inputs_of_one_order():
    events = build()['epcisBody']['eventList']
    first, second = events[1], events[2]
    assert [e['epcClass'] for e in first['inputQuantityList']] == [
        'https://id.gs1.org/01/09521568251204/10/HZN-0001',
        'https://id.gs1.org/01/09521568251204/10/HNY-0001']
    assert [e['quantity'] for e in first['inputQuantityList']] == [10.0, 5.0]
    assert first['outputQuantityList'] == [{
        'epcClass': 'https://acme.example/lot_traceability/product/11/lot/PMX-0001',
        'quantity': 40.0}]
    assert first['ilmd'] == {'cbvmda:lotNumber': 'PMX-0001',
                             'cbvmda:itemExpirationDate': '2027-06-30'}
    assert first['transformationID'].endswith('/transformation/mrp.production/5')
    assert second['transformationID'].endswith('/transformation/mrp.production/6')
    assert first['bizTransactionList'][0]['type'] == 'prodorder'


def test_event_ids_are_the_gs1_hash_and_stable():
    doc, again = build(), build(creation='2027-01-01T00:00:00.000Z')
    ids = [e['eventID'] for e in doc['epcisBody']['eventList']]
    assert ids == [e['eventID'] for e in again['epcisBody']['eventList']]
    assert len(set(ids)) == len(ids)
    events = [{k: v for k, v in e.items() if k != 'eventID'} for e in doc['epcisBody']['eventList']]
    # the package's own JSON-LD path gives the same hashes (tests/test_epcis_hash_adapter.py)
    assert epcis.event_hashes(events) == hashes_through_jsonld(events) == ids
    changed = copy.deepcopy(events[0])
    changed['quantityList'][0]['quantity'] = 26.0
    assert epcis.event_hashes([changed]) != ids[:1]


def test_streaming_in_batches_gives_the_same_document():
    chunks = []
    count = epcis.write_document(chunks.append, epcis.epcis_events(IDS, streams()),
                                 '2026-03-10T00:00:00.000Z', batch=1)
    assert count == 4
    assert json.loads(''.join(chunks)) == build()


def test_schema_rejects_what_the_standard_requires():
    doc = build()
    for path, value in ((('eventTimeZoneOffset',), '0100'),
                        (('action',), 'LOOK'),
                        (('quantityList', 0, 'uom'), 'kilogram'),
                        (('eventID',), 'urn:uuid:1')):
        broken = copy.deepcopy(doc)
        target = broken['epcisBody']['eventList'][0]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, epcis_schema.SCHEMA)
    broken = copy.deepcopy(doc)
    broken['epcisBody']['eventList'][0]['ilmd'] = {'cbvmda:lotNumber': 'X'}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, epcis_schema.SCHEMA)
    broken = copy.deepcopy(doc)
    del broken['epcisBody']['eventList'][1]['inputQuantityList']
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, epcis_schema.SCHEMA)
    broken = dict(doc, schemaVersion='1.2')
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, epcis_schema.SCHEMA)


def test_units_times_and_gtins():
    assert epcis.uom_code('kg') == 'KGM' and epcis.uom_code('Liter(s)') == 'LTR'
    assert epcis.uom_code('Unit(s)') is None
    with pytest.raises(epcis.EpcisError):
        epcis.uom_code('bushel')
    assert epcis.gtin14('9521568251204') == '09521568251204'
    assert epcis.gtin14('9521568251205') is None  # wrong check digit
    assert epcis.gtin14('ABC') is None and epcis.gtin14(False) is None
    assert epcis.event_time(datetime.datetime(2026, 1, 15, 12, 0), 'Europe/Zurich') == \
        ('2026-01-15T12:00:00.000Z', '+01:00')
    assert epcis.event_time(datetime.datetime(2026, 1, 15, 12, 0), 'Nowhere/Else')[1] == '+00:00'
    assert IDS.lot_class(fsma_data.NUTS, 'A B/1') == \
        'https://id.gs1.org/01/09521568251204/10/A%20B%2F1'
