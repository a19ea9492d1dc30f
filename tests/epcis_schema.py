# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""JSON Schema of the EPCIS 2.0 documents this addon writes.

Written from the standard's required fields (EPCIS 2.0 §7 and its JSON
schema: EPCISDocument, ObjectEvent, TransformationEvent, quantity elements,
business transactions, sources/destinations) plus what our profile always
gives (eventID as GS1 event hash, readPoint, bizLocation). Tests validate
every exported document with it (package jsonschema)."""

_URI = {'type': 'string', 'pattern': r'^[a-z][a-z0-9+.-]*:\S+$'}
_TIME = {'type': 'string',
         'pattern': r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$'}
_OFFSET = {'type': 'string', 'pattern': r'^[+-]([01]\d|2[0-3]):[0-5]\d$'}
_CBV_WORD = {'type': 'string', 'pattern': r'^[a-z_]+$'}

_QUANTITY = {
    'type': 'object',
    'required': ['epcClass', 'quantity'],
    'properties': {
        'epcClass': _URI,
        'quantity': {'type': 'number', 'minimum': 0},
        'uom': {'type': 'string', 'pattern': r'^[A-Z0-9]{2,3}$'},
    },
    'additionalProperties': False,
}
_QUANTITY_LIST = {'type': 'array', 'items': _QUANTITY}
_BIZ_TRANSACTION = {
    'type': 'object',
    'required': ['bizTransaction'],
    'properties': {'type': {'enum': ['po', 'poc', 'desadv', 'recadv', 'inv', 'bol',
                                     'prodorder', 'rma', 'pedigree', 'cert', 'testprd',
                                     'testres', 'upevt']},
                   'bizTransaction': _URI},
    'additionalProperties': False,
}
_PARTY_TYPES = {'enum': ['owning_party', 'possessing_party', 'location']}
_ID = {'type': 'object', 'required': ['id'], 'properties': {'id': _URI}}

_COMMON = {
    'eventID': {'type': 'string', 'pattern': r'^ni:///sha-256;[0-9a-f]{64}\?ver=CBV2\.0$'},
    'eventTime': _TIME,
    'eventTimeZoneOffset': _OFFSET,
    'bizStep': _CBV_WORD,
    'disposition': _CBV_WORD,
    'readPoint': _ID,
    'bizLocation': _ID,
    'bizTransactionList': {'type': 'array', 'items': _BIZ_TRANSACTION},
    'ilmd': {'type': 'object', 'required': ['cbvmda:lotNumber'],
             'properties': {'cbvmda:lotNumber': {'type': 'string', 'minLength': 1},
                            'cbvmda:itemExpirationDate': {
                                'type': 'string', 'pattern': r'^\d{4}-\d\d-\d\d$'}}},
}
_REQUIRED = ['eventID', 'type', 'eventTime', 'eventTimeZoneOffset', 'readPoint', 'bizLocation']

OBJECT_EVENT = {
    'type': 'object',
    'required': _REQUIRED + ['action', 'bizStep', 'quantityList'],
    'properties': dict(_COMMON, **{
        'type': {'const': 'ObjectEvent'},
        'action': {'enum': ['ADD', 'OBSERVE', 'DELETE']},
        'epcList': {'type': 'array', 'items': _URI},
        'quantityList': dict(_QUANTITY_LIST, minItems=1),
        'sourceList': {'type': 'array', 'items': {
            'type': 'object', 'required': ['type', 'source'],
            'properties': {'type': _PARTY_TYPES, 'source': _URI}}},
        'destinationList': {'type': 'array', 'items': {
            'type': 'object', 'required': ['type', 'destination'],
            'properties': {'type': _PARTY_TYPES, 'destination': _URI}}},
    }),
    # EPCIS 2.0: ilmd only when the event creates the objects (action ADD)
    'not': {'required': ['ilmd'], 'properties': {'action': {'const': 'OBSERVE'}}},
}

TRANSFORMATION_EVENT = {
    'type': 'object',
    'required': _REQUIRED + ['inputQuantityList', 'outputQuantityList'],
    'properties': dict(_COMMON, **{
        'type': {'const': 'TransformationEvent'},
        'transformationID': _URI,
        'inputQuantityList': dict(_QUANTITY_LIST, minItems=1),
        'outputQuantityList': dict(_QUANTITY_LIST, minItems=1),
    }),
}

SCHEMA = {
    '$schema': 'https://json-schema.org/draft/2020-12/schema',
    'title': 'EPCIS 2.0 document (lot_traceability profile)',
    'type': 'object',
    'required': ['@context', 'type', 'schemaVersion', 'creationDate', 'epcisBody'],
    'properties': {
        '@context': {'type': 'array', 'minItems': 1, 'contains': {
            'const': 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'}},
        'type': {'const': 'EPCISDocument'},
        'schemaVersion': {'const': '2.0'},
        'creationDate': _TIME,
        'epcisBody': {
            'type': 'object',
            'required': ['eventList'],
            'properties': {'eventList': {'type': 'array', 'items': {
                'oneOf': [OBJECT_EVENT, TRANSFORMATION_EVENT]}}},
        },
    },
}
