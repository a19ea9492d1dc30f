# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What tools/epcis.py relies on in epcis-event-hash-generator, pinned
(tools/epcis_hash_adapter.py): the adapter's hashes are the package's own,
its module state is left as it was, and a hash of a fixed event does not
change (a re-export must give the same eventIDs), so an upgrade of the
package fails here, not in an export."""
import json

import pytest

from odoo.addons.lot_traceability.tools import epcis, epcis_hash_adapter

import fsma_data

IDS = epcis.Identifiers('https://acme.example')

# an ObjectEvent as tools/epcis.py writes it, and its hash under the package
# 1.9.3 (requirements.txt)
FIXED_EVENT = {
    'type': 'ObjectEvent', 'eventTime': '2026-03-02T14:30:00.000Z',
    'eventTimeZoneOffset': '-06:00', 'epcList': [], 'action': 'OBSERVE',
    'bizStep': 'receiving', 'disposition': 'in_progress',
    'readPoint': {'id': 'https://id.gs1.org/414/0614141000005/254/12'},
    'bizLocation': {'id': 'https://id.gs1.org/414/0614141000005'},
    'bizTransactionList': [{'type': 'po', 'bizTransaction':
                            'https://acme.example/lot_traceability/document/po/PO00012'}],
    'quantityList': [{'epcClass': 'https://id.gs1.org/01/09521568251204/10/HZN-0001',
                      'quantity': 25.0, 'uom': 'KGM'}],
    'sourceList': [{'type': 'owning_party',
                    'source': 'https://acme.example/lot_traceability/party/3'}],
    'destinationList': [{'type': 'owning_party',
                         'destination': 'https://id.gs1.org/417/0614141000005'}],
}
FIXED_HASH = 'ni:///sha-256;%s?ver=CBV2.0' % (
    '537bf74650fd55e11ec7091037060583856bda71aebd1fa44af66e14a65e3bc0')


def hashes_through_jsonld(events):
    """The package's full path: JSON-LD expansion of a whole document, then its
    public entry (slow: the reference the adapter is compared with)."""
    from epcis_event_hash_generator import hash_generator, json_to_py
    document = {'@context': [epcis.EPCIS_CONTEXT], 'type': 'EPCISDocument',
                'schemaVersion': '2.0', 'creationDate': '2000-01-01T00:00:00.000Z',
                'epcisBody': {'eventList': json.loads(json.dumps(events))}}
    parsed = json_to_py.event_list_from_epcis_document_json(document)
    return hash_generator.epcis_hashes_from_events(parsed)


def events():
    streams = {'receiving': [fsma_data.receiving()],
               'transformation': [fsma_data.transformation(),
                                  fsma_data.transformation(key='edge2', input_lot='HNY-0001')],
               'shipping': [fsma_data.shipping()]}
    return list(epcis.epcis_events(IDS, streams))


def test_a_fixed_event_keeps_its_hash():
    assert epcis.event_hashes([FIXED_EVENT]) == [FIXED_HASH]
    assert hashes_through_jsonld([FIXED_EVENT]) == [FIXED_HASH]


def test_the_adapter_gives_the_packages_own_hashes():
    from epcis_event_hash_generator import (
        hash_generator,
        json_to_py,
        json_xml_model_mismatch_correction as correction,
    )
    built = events()
    expanded = [epcis._expand_cbv(event) for event in built]
    canonical = {}
    cold = epcis_hash_adapter.hashes(expanded, canonical)
    assert canonical                 # the canonical forms were remembered...
    parsed = ('EventList', '', [correction.deep_structure_correction(
        json_to_py._json_to_py(event)) for event in expanded])
    # ...and, used again, give what the package's public entry and its JSON-LD path give
    assert (epcis_hash_adapter.hashes(expanded, canonical) == cold
            == hash_generator.epcis_hashes_from_events(parsed) == hashes_through_jsonld(built))
    assert len(set(cold)) == len(cold)


def test_the_package_state_is_left_as_it_was(monkeypatch):
    from epcis_event_hash_generator import hash_generator
    canonize, join_by = hash_generator._canonize_value, hash_generator.JOIN_BY
    expected = epcis.event_hashes(events())
    # another caller of the package left a debugging separator in its global:
    # the adapter hashes by the standard's (empty) one and puts it back
    hash_generator.JOIN_BY = '\n'
    try:
        assert epcis.event_hashes(events()) == expected
        assert hash_generator.JOIN_BY == '\n'
        assert hash_generator._canonize_value is canonize
    finally:
        hash_generator.JOIN_BY = join_by
    # a failure inside the package restores it too, and says so

    def broken(*args):
        raise KeyError('eventTime')
    monkeypatch.setattr(hash_generator, '_recurse_through_children_in_order', broken)
    with pytest.raises(epcis.EpcisError, match='could not be computed'):
        epcis.event_hashes(events())
    assert hash_generator._canonize_value is canonize and hash_generator.JOIN_BY == join_by
