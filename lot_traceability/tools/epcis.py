# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""GS1 EPCIS 2.0 JSON-LD documents from FSMA events (tools/fsma_events.py). No ORM.

* Receiving / shipping: ObjectEvent, action OBSERVE, CBV bizStep receiving /
  shipping, bizTransactionList (purchase order and receipt / delivery order
  and sales order), sourceList / destinationList (owning party and location).
* Manufacturing: TransformationEvent per manufacturing order, with
  inputQuantityList / outputQuantityList and ``ilmd`` (lot number, expiry) of
  the lots made; ``transformationID`` is the order, so a transformation split
  over two events stays one transformation.
* eventTime in UTC with eventTimeZoneOffset of the site's time zone.
* Identifiers: GS1 Digital Link URIs (``https://id.gs1.org/01/<GTIN>/10/<lot>``
  for a product class with a GTIN, ``/414/<GLN>/254/<ext>`` (SGLN) for a
  location, ``/417/<GLN>`` for a party); without a GTIN / GLN, stable URIs
  of the company's own domain (``<base>/lot_traceability/...``).
* eventID: GS1's canonical event hash (package epcis-event-hash-generator,
  through tools/epcis_hash_adapter.py), computed before the eventID is set:
  a re-export gives the same IDs.

``write_document`` streams the JSON: events are built, hashed and written in
batches, memory does not grow with the number of events.
"""
import datetime
import json
from urllib.parse import quote

import pytz

from . import epcis_hash_adapter, fsma_events
from .gs1 import GS1Error, validate_gtin

EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'
DIGITAL_LINK = 'https://id.gs1.org'
HASH_BATCH = 200

# Odoo unit names -> UN/CEFACT Recommendation 20 codes (EPCIS 'uom').
# Units counted in pieces carry no uom: EPCIS reads the quantity as a count.
UOM_CODES = {
    'kg': 'KGM', 'g': 'GRM', 't': 'TNE', 'tonne': 'TNE', 'mg': 'MGM',
    'lb': 'LBR', 'lbs': 'LBR', 'lb(s)': 'LBR', 'oz': 'ONZ', 'oz(s)': 'ONZ',
    'l': 'LTR', 'liter': 'LTR', 'liter(s)': 'LTR', 'litre(s)': 'LTR', 'ml': 'MLT',
    'gal': 'GLL', 'gallon(s)': 'GLL', 'm': 'MTR', 'cm': 'CMT', 'km': 'KMT',
    'dozen': 'DZN', 'dozens': 'DZN', 'dozen(s)': 'DZN', 'gal(s)': 'GLL',
    'hour': 'HUR', 'hours': 'HUR', 'hour(s)': 'HUR', 'day(s)': 'DAY',
    'inch(es)': 'INH', 'foot(ft)': 'FOT', 'mile(s)': 'SMI',
}
COUNT_UNITS = {'unit(s)', 'unit', 'units', 'pce', 'piece', 'pieces', 'pc', 'pcs'}

BT_TYPES = {
    'Purchase order': 'po', 'Receipt': 'recadv', 'Delivery order': 'desadv',
    'Sales order': 'po', 'Manufacturing order': 'prodorder',
}


class EpcisError(ValueError):
    """A unit or identifier that cannot be written as EPCIS."""


def uom_code(name):
    """(uom code or None for a count); raises EpcisError for an unknown unit."""
    key = (name or '').strip().lower()
    if key in COUNT_UNITS:
        return None
    if key in UOM_CODES:
        return UOM_CODES[key]
    raise EpcisError('Unit of measure "%s" has no UN/CEFACT code in EPCIS export' % name)


def gtin14(barcode):
    """The product barcode as a GTIN-14, or None when it is not a valid GTIN."""
    if not barcode or len(barcode) not in (8, 12, 13, 14):
        return None
    try:
        validate_gtin(barcode)
    except GS1Error:
        return None
    return barcode.rjust(14, '0')


def _q(text):
    return quote(str(text), safe='')


class Identifiers(object):
    """URIs for products, lots, places, parties and documents. BASE is the
    company's own web address (no trailing slash)."""

    def __init__(self, base):
        self.base = base.rstrip('/') + '/lot_traceability'

    def lot_class(self, product, lot_name):
        gtin = gtin14(product and product['barcode'])
        if gtin:
            return '%s/01/%s/10/%s' % (DIGITAL_LINK, gtin, _q(lot_name))
        return '%s/product/%s/lot/%s' % (self.base, product['id'] if product else 0, _q(lot_name))

    def site(self, partner):
        if partner and partner.get('gln'):
            return '%s/414/%s' % (DIGITAL_LINK, partner['gln'])
        if partner and partner.get('warehouse_id'):
            # one of our warehouses (fsma_events: between two of them)
            return '%s/warehouse/%s' % (self.base, partner['warehouse_id'])
        return '%s/site/%s' % (self.base, partner['id'] if partner else 0)

    def read_point(self, partner, location_id):
        if partner and partner.get('gln'):
            return '%s/414/%s/254/%s' % (DIGITAL_LINK, partner['gln'], location_id or 0)
        return '%s/location/%s' % (self.base, location_id or 0)

    def party(self, partner):
        if partner and partner.get('gln'):
            return '%s/417/%s' % (DIGITAL_LINK, partner['gln'])
        return '%s/party/%s' % (self.base, partner['id'] if partner else 0)

    def document(self, kind, number):
        return '%s/document/%s/%s' % (self.base, BT_TYPES.get(kind, 'other'), _q(number))

    def transformation(self, production_id, key):
        if production_id:
            return '%s/transformation/mrp.production/%s' % (self.base, production_id)
        return '%s/transformation/%s' % (self.base, key)


def event_time(when, tz_name):
    """('YYYY-MM-DDTHH:MM:SS.000Z', '+HH:MM') for the naive UTC datetime WHEN."""
    try:
        zone = pytz.timezone(tz_name or 'UTC')
    except pytz.UnknownTimeZoneError:
        zone = pytz.utc
    offset = pytz.utc.localize(when).astimezone(zone).utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = '-' if minutes < 0 else '+'
    minutes = abs(minutes)
    return (when.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (when.microsecond // 1000),
            '%s%02d:%02d' % (sign, minutes // 60, minutes % 60))


def _quantity(ids, product, lot_name, qty, uom):
    element = {'epcClass': ids.lot_class(product, lot_name), 'quantity': float(qty or 0.0)}
    code = uom_code(uom)
    if code:
        element['uom'] = code
    return element


def _ilmd(lot):
    ilmd = {'cbvmda:lotNumber': lot['name']}
    if lot['life_date']:
        ilmd['cbvmda:itemExpirationDate'] = lot['life_date'].strftime('%Y-%m-%d')
    return ilmd


def _tz(event, default_tz):
    for partner in (event['site'], event.get('company')):
        if partner and partner.get('tz'):
            return partner['tz']
    return default_tz


def object_event(ids, event, default_tz='UTC'):
    """An ObjectEvent (receiving or shipping) for a fsma_events event."""
    when, offset = event_time(event['date'], _tz(event, default_tz))
    ours, site = event.get('company') or event['site'], event['site']
    other = event['other']
    receiving = event['event'] == fsma_events.RECEIVING
    ours_party, other_party = ids.party(ours), ids.party(other)
    ours_place, other_place = ids.site(site), ids.site(other)
    if receiving:
        sources = [('owning_party', other_party), ('location', other_place)]
        destinations = [('owning_party', ours_party), ('location', ours_place)]
    else:
        sources = [('owning_party', ours_party), ('location', ours_place)]
        destinations = [('owning_party', other_party), ('location', other_place)]
    result = {
        'type': 'ObjectEvent',
        'eventTime': when,
        'eventTimeZoneOffset': offset,
        'epcList': [],
        'action': 'OBSERVE',
        'bizStep': 'receiving' if receiving else 'shipping',
        'disposition': 'in_progress' if receiving else 'in_transit',
        'readPoint': {'id': ids.read_point(site, event['location_id'])},
        'bizLocation': {'id': ids.site(site)},
        'bizTransactionList': [{'type': BT_TYPES[kind], 'bizTransaction': ids.document(kind, n)}
                               for kind, n in event['docs']],
        'quantityList': [_quantity(ids, event['product'], event['lot']['name'],
                                   event['qty'], event['uom'])],
        'sourceList': [{'type': t, 'source': s} for t, s in sources],
        'destinationList': [{'type': t, 'destination': d} for t, d in destinations],
    }
    if not result['bizTransactionList']:
        del result['bizTransactionList']
    return result


def transformation_event(ids, edges, default_tz='UTC'):
    """One TransformationEvent for the genealogy edges of one manufacturing order."""
    first = edges[0]
    when, offset = event_time(max(e['date'] for e in edges), _tz(first, default_tz))
    inputs, outputs, seen_in, seen_out = [], [], set(), set()
    for edge in edges:
        entry = edge['input']
        key = (entry['product'] and entry['product']['id'], entry['lot']['name'])
        if key not in seen_in:
            seen_in.add(key)
            inputs.append(_quantity(ids, entry['product'], entry['lot']['name'],
                                    entry['qty'], entry['uom']))
        else:
            for element in inputs:
                if element['epcClass'] == ids.lot_class(entry['product'], entry['lot']['name']):
                    element['quantity'] += float(entry['qty'] or 0.0)
        key = (edge['product'] and edge['product']['id'], edge['lot']['name'])
        if key not in seen_out:
            seen_out.add(key)
            outputs.append((edge, _quantity(ids, edge['product'], edge['lot']['name'],
                                            edge['qty'], edge['uom'])))
    result = {
        'type': 'TransformationEvent',
        'eventTime': when,
        'eventTimeZoneOffset': offset,
        'transformationID': ids.transformation(first['production_id'], first['key']),
        'bizStep': 'commissioning',
        'disposition': 'active',
        'readPoint': {'id': ids.read_point(first['site'], first['location_id'])},
        'bizLocation': {'id': ids.site(first['site'])},
        'inputQuantityList': inputs,
        'outputQuantityList': [element for _edge, element in outputs],
        'ilmd': _ilmd(outputs[0][0]['lot']),
    }
    if first['docs']:
        result['bizTransactionList'] = [
            {'type': BT_TYPES[kind], 'bizTransaction': ids.document(kind, n)}
            for kind, n in first['docs']]
    return result


def epcis_events(ids, streams, default_tz='UTC'):
    """EPCIS events (without eventID) from {kind: iterable of fsma events}.
    Consecutive edges of one manufacturing order make one TransformationEvent."""
    for kind in (fsma_events.RECEIVING, fsma_events.TRANSFORMATION, fsma_events.SHIPPING):
        events = streams.get(kind) or ()
        if kind != fsma_events.TRANSFORMATION:
            for event in events:
                yield object_event(ids, event, default_tz)
            continue
        group = []
        for edge in events:
            if group and (edge['production_id'] != group[0]['production_id']
                          or not edge['production_id']):
                yield transformation_event(ids, group, default_tz)
                group = []
            group.append(edge)
        if group:
            yield transformation_event(ids, group, default_tz)


def _document_head(creation_date):
    return {
        '@context': [EPCIS_CONTEXT],
        'type': 'EPCISDocument',
        'schemaVersion': '2.0',
        'creationDate': creation_date,
    }


CBV = 'https://ref.gs1.org/cbv/'
_CBV_PREFIX = {'bizStep': 'BizStep-', 'disposition': 'Disp-'}
_CBV_TYPE_PREFIX = {'bizTransactionList': 'BTT-', 'sourceList': 'SDT-', 'destinationList': 'SDT-'}


def _expand_cbv(event):
    """EVENT with its bare CBV words as the full web vocabulary URIs: what the
    hash generator's JSON-LD expansion gives, without expanding (100x faster)."""
    event = json.loads(json.dumps(event))
    for key, prefix in _CBV_PREFIX.items():
        if key in event:
            event[key] = CBV + prefix + event[key]
    for key, prefix in _CBV_TYPE_PREFIX.items():
        for entry in event.get(key, ()):
            if 'type' in entry:
                entry['type'] = CBV + prefix + entry['type']
    return event


def event_hashes(events, canonical=None):
    """GS1 canonical event hashes ('ni:///sha-256;...?ver=CBV2.0') of EVENTS,
    by epcis-event-hash-generator's pre-hash rules (tools/epcis_hash_adapter.py),
    the CBV words expanded here (``_expand_cbv``). CANONICAL: a dict the
    caller keeps for a whole document (canonical values remembered)."""
    try:
        return epcis_hash_adapter.hashes([_expand_cbv(event) for event in events], canonical)
    except epcis_hash_adapter.HashError as error:
        raise EpcisError(str(error))


def _with_ids(events, canonical=None):
    for event, event_id in zip(events, event_hashes(events, canonical)):
        # eventID first: easier to read
        yield dict([('eventID', event_id)] + list(event.items()))


def write_document(write, events, creation_date=None, batch=HASH_BATCH):
    """Write an EPCISDocument as JSON text through WRITE (a callable taking str).

    EVENTS is consumed in batches of BATCH: hashed, written, dropped.
    Returns the number of events written."""
    if creation_date is None:
        creation_date = event_time(datetime.datetime.utcnow(), 'UTC')[0]
    head = json.dumps(_document_head(creation_date), sort_keys=False)
    write(head[:-1] + ', "epcisBody": {"eventList": [')
    count, pending = 0, []
    canonical = {}      # canonical forms of the values, for the whole document

    def flush(pending, count):
        for event in _with_ids(pending, canonical):
            write((',\n' if count else '\n') + json.dumps(event, sort_keys=False))
            count += 1
        return count

    for event in events:
        pending.append(event)
        if len(pending) >= batch:
            count = flush(pending, count)
            pending = []
    count = flush(pending, count)
    write('\n]}}\n')
    return count
