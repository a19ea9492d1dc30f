# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Plain FSMA events (the shape tools/fsma_events.EventReader yields), no database."""
import datetime


def partner(pid, name, gln='', phone='+1 555 0100', tz='America/Chicago', **vals):
    values = {'id': pid, 'name': name, 'type': 'contact', 'street': '%d Main Street' % pid,
              'street2': '', 'city': 'Springfield', 'state': 'Illinois', 'zip': '62701',
              'country': 'United States', 'phone': phone, 'gln': gln, 'tz': tz,
              'delivery_id': None}
    values.update(vals)
    return values


SITE = partner(1, 'Acme Foods, Plant 1', gln='0614141000005')
COMPANY = partner(2, 'Acme Foods')
VENDOR = partner(3, 'NutCo', phone='', gln='')
CUSTOMER = partner(4, 'FreshMart, Store 12', gln='')
NUTS = {'id': 10, 'barcode': '09521568251204', 'name': '[AC-HZN] Roasted Hazelnuts'}
MIX = {'id': 11, 'barcode': '', 'name': '[AC-PMX] Honey Nut Premix'}


def lot(name, vendor_id=None, made_here=False, tlc_source=None, tlc_reference='',
        supplier_lot_code='', life_date=datetime.datetime(2027, 6, 30, 12, 0)):
    return {'name': name, 'life_date': life_date, 'supplier_lot_code': supplier_lot_code,
            'tlc_source': tlc_source, 'tlc_reference': tlc_reference, 'vendor_id': vendor_id,
            'made_here': made_here}


def receiving(**vals):
    event = {'event': 'receiving', 'key': 'ml1', 'date': datetime.datetime(2026, 3, 2, 14, 30),
             'lot': lot('HZN-0001', vendor_id=3, tlc_source=VENDOR), 'product': NUTS,
             'qty': 25.0, 'uom': 'kg',
             'docs': [('Purchase order', 'PO00012'), ('Receipt', 'WH/IN/00007')],
             'site': SITE, 'other': VENDOR, 'company': COMPANY,
             'location_id': 12, 'location_name': 'WH/Stock'}
    event.update(vals)
    return event


def shipping(**vals):
    event = {'event': 'shipping', 'key': 'ml2', 'date': datetime.datetime(2026, 3, 9, 8, 0),
             'lot': lot('PMX-0001', made_here=True, tlc_source=SITE,
                        tlc_reference='0614141000005'),
             'product': MIX, 'qty': 40.0, 'uom': 'Unit(s)',
             'docs': [('Delivery order', 'WH/OUT/00003'), ('Sales order', 'SO042')],
             'site': SITE, 'other': CUSTOMER, 'company': COMPANY,
             'location_id': 12, 'location_name': 'WH/Stock'}
    event.update(vals)
    return event


def transformation(key='edge1', production_id=5, input_lot='HZN-0001', qty=10.0, **vals):
    event = {'event': 'transformation', 'key': key, 'date': datetime.datetime(2026, 3, 4, 16, 0),
             'input': {'lot': lot(input_lot, vendor_id=3, tlc_source=VENDOR), 'product': NUTS,
                       'qty': qty, 'uom': 'kg'},
             'lot': lot('PMX-0001', made_here=True, tlc_source=SITE), 'product': MIX,
             'qty': 40.0, 'uom': 'Unit(s)', 'production_id': production_id,
             'docs': [('Manufacturing order', 'WH/MO/00002')],
             'site': SITE, 'other': None, 'company': COMPANY,
             'location_id': 15, 'location_name': 'WH/Stock'}
    event.update(vals)
    return event
