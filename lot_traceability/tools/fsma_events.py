# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""FSMA 204 Critical Tracking Events read from the database (plain SQL, no ORM).

``read_events(cr, ...)`` yields one dict per event, in three streams
(receiving, transformation, shipping). Rows are read in pages of ``batch``
ids (keyset pagination on the move line / genealogy edge id), so memory stays
constant whatever the date range: only partners, products and their
descriptions are cached, and those are master data.

Receiving and shipping events are the move lines tools/move_kind_sql.py
classifies as receipts and dropships / deliveries and dropships, and the
transfers between two of the company's warehouses (through transit or not):
a shipping event where the lot leaves one, a receiving event where it enters
the other, each naming the other warehouse. A move inside one warehouse is
no event.

The same event dicts feed the FSMA workbook (tools/recall_xlsx.py) and the
EPCIS 2.0 document (tools/epcis.py). Every date is a naive UTC datetime.
"""
from . import move_kind_sql
from .product_sql import product_name_sql
from .recall_xlsx import as_datetime

RECEIVING, TRANSFORMATION, SHIPPING = 'receiving', 'transformation', 'shipping'
EVENT_KINDS = (RECEIVING, TRANSFORMATION, SHIPPING)

DEFAULT_BATCH = 2000

_PRODUCT = """
SELECT p.id, p.barcode, {product_name}
  FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
 WHERE p.id = ANY(%(ids)s)
""".format(product_name=product_name_sql('p', 't'))

_PARTNER = """
SELECT p.id, p.name, cp.name, p.type, p.street, p.street2, p.city, st.name, p.zip,
       co.name, COALESCE(NULLIF(p.phone, ''), NULLIF(p.mobile, ''), NULLIF(cp.phone, '')),
       COALESCE(NULLIF(p.gln, ''), NULLIF(cp.gln, '')), COALESCE(p.tz, cp.tz),
       (SELECT d.id FROM res_partner d
         WHERE d.parent_id = p.id AND d.type = 'delivery' AND d.active
         ORDER BY d.id LIMIT 1)
  FROM res_partner p
  LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
  LEFT JOIN res_country_state st ON st.id = p.state_id
  LEFT JOIN res_country co ON co.id = p.country_id
 WHERE p.id = ANY(%(ids)s)
"""

_LOT_COLUMNS = """
       {a}.name AS {p}lot_name, {a}.life_date AS {p}life_date,
       {a}.supplier_lot_code AS {p}supplier_lot_code,
       {a}.tlc_source_partner_id AS {p}tlc_partner_id,
       {a}.tlc_source_reference AS {p}tlc_reference,
       {a}.vendor_id AS {p}vendor_id, {a}.production_id AS {p}lot_production_id
"""

_MOVES = """
SELECT ml.id, ml.lot_id, ml.product_id, ml.qty_done AS qty, u.name AS uom, ml.date,
       pk.id AS picking_id, pk.name AS picking_name,
       po.name AS purchase_name, so.name AS sale_name,
       {partner} AS partner_id,
       {between_warehouses} AS between_warehouses,
       {other_warehouse} AS other_warehouse_id, {other_warehouse_name} AS other_warehouse,
       {other_warehouse_partner} AS other_warehouse_partner_id,
       COALESCE({site_warehouse}.partner_id, wh.partner_id) AS site_partner_id,
       {site_warehouse}.name AS site_warehouse, {site_warehouse}.id AS site_warehouse_id,
       rc.partner_id AS company_partner_id,
       m.company_id, {site_location} AS location_id, sl.complete_name AS location_name,
       {lot_columns}
  FROM stock_move_line ml
  JOIN stock_move m ON m.id = ml.move_id
  JOIN stock_location ls ON ls.id = ml.location_id
  JOIN stock_location ld ON ld.id = ml.location_dest_id
  JOIN stock_location sl ON sl.id = {site_location}
  JOIN stock_production_lot l ON l.id = ml.lot_id
  JOIN product_uom u ON u.id = ml.product_uom_id
  {partner_joins}
  LEFT JOIN stock_picking_type spt ON spt.id = COALESCE(pk.picking_type_id, m.picking_type_id)
  LEFT JOIN stock_warehouse wh ON wh.id = COALESCE(spt.warehouse_id, m.warehouse_id)
  {warehouse_joins}
 WHERE ml.state = 'done' AND ml.id > %(after)s AND ({kind} OR {between_warehouses})
   AND {filters}
 ORDER BY ml.id
 LIMIT %(batch)s
"""
# event -> (the move line kinds it reports; the lines between two of the
# company's warehouses it reports; the location of the site and its warehouse
# alias; the other party: the vendor received from, the customer shipped to,
# else the other warehouse (tools/move_kind_sql.py))
_MOVE_KIND = {
    RECEIVING: (('receipt', 'dropship'), move_kind_sql.ENTERS_WAREHOUSE, 'ld.id', 'wld',
                move_kind_sql.VENDOR, move_kind_sql.RECEIVED_FROM),
    SHIPPING: (('delivery', 'dropship'), move_kind_sql.LEAVES_WAREHOUSE, 'ls.id', 'wls',
               move_kind_sql.CUSTOMER, move_kind_sql.SHIPPED_TO),
}

_EDGES = """
SELECT e.id, e.qty, cu.name AS uom, e.finished_qty, fu.name AS finished_uom,
       e.component_lot_id, e.component_product_id, e.finished_lot_id, e.finished_product_id,
       COALESCE(mo.date_finished, e.date) AS date, mo.id AS production_id,
       mo.name AS production_name, wh.partner_id AS site_partner_id,
       rc.partner_id AS company_partner_id, e.company_id,
       mo.location_dest_id AS location_id, sl.complete_name AS location_name,
       COALESCE(e.production_id, 0) AS page_production_id,
       {component_lot}, {finished_lot}
  FROM lot_genealogy_edge e
  JOIN stock_production_lot c ON c.id = e.component_lot_id
  JOIN stock_production_lot l ON l.id = e.finished_lot_id
  LEFT JOIN product_uom cu ON cu.id = e.uom_id
  LEFT JOIN product_uom fu ON fu.id = e.finished_uom_id
  LEFT JOIN mrp_production mo ON mo.id = e.production_id
  LEFT JOIN stock_location sl ON sl.id = mo.location_dest_id
  LEFT JOIN stock_picking_type spt ON spt.id = mo.picking_type_id
  LEFT JOIN stock_warehouse wh ON wh.id = spt.warehouse_id
  LEFT JOIN res_company rc ON rc.id = e.company_id
 WHERE (COALESCE(e.production_id, 0), e.id) > (%(after_page_production_id)s, %(after)s)
   AND {filters}
 ORDER BY COALESCE(e.production_id, 0), e.id
 LIMIT %(batch)s
"""


# which genealogy edges a lot filter keeps: 'output': the transformations that
# made one of the lots (every input shown, as FSMA asks); 'any': input or output.
_LOT_MODES = {
    'output': 'e.finished_lot_id = ANY(%(lot_ids)s)',
    'any': '(e.component_lot_id = ANY(%(lot_ids)s) OR e.finished_lot_id = ANY(%(lot_ids)s))',
}


def _ids(values):
    return sorted({int(v) for v in values}) if values is not None else None


class EventReader(object):
    """Pages through the events matching the filters.

    ``lot_ids``: only these lots (transformations: see ``_LOT_MODES``);
    ``product_ids``: only these products (a transformation: input or output);
    ``date_from`` / ``date_to``: UTC, half-open [from, to); ``company_ids``:
    these companies only (None: all)."""

    def __init__(self, cr, lot_ids=None, product_ids=None, date_from=None, date_to=None,
                 company_ids=None, lot_mode='output', batch=DEFAULT_BATCH):
        self.cr = cr
        self.params = {'lot_ids': _ids(lot_ids), 'product_ids': _ids(product_ids),
                       'company_ids': _ids(company_ids), 'date_from': date_from,
                       'date_to': date_to, 'batch': int(batch)}
        self.lot_mode = lot_mode
        self._products = {}
        self._partners = {}

    # -- master data, cached ------------------------------------------------
    def products(self, ids):
        missing = [i for i in set(ids) if i and i not in self._products]
        if missing:
            self.cr.execute(_PRODUCT, {'ids': missing})
            for pid, barcode, name in self.cr.fetchall():
                self._products[pid] = {'id': pid, 'barcode': barcode or '', 'name': name or ''}
        return self._products

    def partners(self, ids):
        missing = [i for i in set(ids) if i and i not in self._partners]
        if missing:
            self.cr.execute(_PARTNER, {'ids': missing})
            for row in self.cr.fetchall():
                (pid, name, commercial, ptype, street, street2, city, state, zip_code,
                 country, phone, gln, tz, delivery_id) = row
                business = commercial or name or ''
                if name and commercial and name != commercial:
                    business = '%s, %s' % (commercial, name)
                self._partners[pid] = {
                    'id': pid, 'name': business, 'type': ptype, 'street': street or '',
                    'street2': street2 or '', 'city': city or '', 'state': state or '',
                    'zip': zip_code or '', 'country': country or '', 'phone': phone or '',
                    'gln': gln or '', 'tz': tz or '', 'delivery_id': delivery_id}
        return self._partners

    def partner(self, pid):
        if not pid:
            return None
        return self.partners([pid]).get(pid)

    def delivery_address(self, pid):
        """A vendor's delivery address when it has one, else the partner itself."""
        partner = self.partner(pid)
        if partner and partner['delivery_id']:
            return self.partner(partner['delivery_id']) or partner
        return partner

    # -- filters ------------------------------------------------------------
    def _filters(self, lot, product, company, date):
        """The WHERE clause of the filters given: LOT and PRODUCT the conditions
        on the lots and products, COMPANY and DATE the columns they apply to."""
        p, where = self.params, ['TRUE']
        if p['lot_ids'] is not None:
            where.append(lot)
        if p['product_ids'] is not None:
            where.append(product)
        if p['company_ids'] is not None:
            where.append('(%s IS NULL OR %s = ANY(%%(company_ids)s))' % (company, company))
        if p['date_from']:
            where.append('%s >= %%(date_from)s' % date)
        if p['date_to']:
            where.append('%s < %%(date_to)s' % date)
        return ' AND '.join(where)

    def _move_filters(self):
        return self._filters('ml.lot_id = ANY(%(lot_ids)s)',
                             'ml.product_id = ANY(%(product_ids)s)', 'm.company_id', 'ml.date')

    def _edge_filters(self):
        return self._filters(_LOT_MODES[self.lot_mode],
                             '(e.component_product_id = ANY(%(product_ids)s) '
                             'OR e.finished_product_id = ANY(%(product_ids)s))',
                             'e.company_id', 'COALESCE(mo.date_finished, e.date)')

    def _pages(self, query, keys=('id',)):
        """Keyset pages of QUERY, ordered by the columns KEYS (the last is the id)."""
        # the query's parameters: %(after)s for the id, %(after_<key>)s for the others
        names = ['after' if key == 'id' else 'after_' + key for key in keys]
        after = dict.fromkeys(names, 0)
        while True:
            self.cr.execute(query, dict(self.params, **after))
            columns = [d[0] for d in self.cr.description]
            rows = [dict(zip(columns, values)) for values in self.cr.fetchall()]
            if not rows:
                return
            yield rows
            after = dict(zip(names, (rows[-1][key] for key in keys)))
            if len(rows) < self.params['batch']:
                return

    # -- lots ------------------------------------------------------------------
    def _lot(self, row, prefix=''):
        get = lambda key: row.get(prefix + key)  # noqa: E731
        return {
            'name': get('lot_name') or '',
            'life_date': as_datetime(get('life_date')),
            'supplier_lot_code': get('supplier_lot_code') or '',
            'tlc_source': self.partner(get('tlc_partner_id')),
            'tlc_reference': get('tlc_reference') or '',
            'vendor_id': get('vendor_id'),
            'made_here': bool(get('lot_production_id')),
        }

    def _site(self, row):
        return self.partner(row['site_partner_id']) or self.partner(row['company_partner_id'])

    # -- the three streams -------------------------------------------------------
    def moves(self, kind):
        kinds, between, site_location, site_warehouse, partner, other_warehouse = \
            _MOVE_KIND[kind]
        condition = '(%s) IN (%s)' % (move_kind_sql.KIND,
                                      ', '.join("'%s'" % name for name in kinds))
        query = _MOVES.format(
            kind=condition, between_warehouses=between, site_location=site_location,
            site_warehouse=site_warehouse, partner=partner,
            other_warehouse=other_warehouse % {'column': 'id'},
            other_warehouse_name=other_warehouse % {'column': 'name'},
            other_warehouse_partner=other_warehouse % {'column': 'partner_id'},
            partner_joins=move_kind_sql.PARTNER_JOINS,
            warehouse_joins=move_kind_sql.WAREHOUSE_JOINS,
            filters=self._move_filters(), lot_columns=_LOT_COLUMNS.format(a='l', p=''))
        for rows in self._pages(query):
            products = self.products([r['product_id'] for r in rows])
            self.partners([pid for r in rows for pid in (
                r['partner_id'], r['site_partner_id'], r['company_partner_id'],
                r['tlc_partner_id'], r['other_warehouse_partner_id'])])
            for row in rows:
                site = self._site(row)
                if row['between_warehouses']:
                    # between two of our warehouses: each names the other (a
                    # warehouse without an address has the company's)
                    site = _at_warehouse(site, row['site_warehouse'], row['site_warehouse_id'])
                    other = row['other_warehouse_id'] and _at_warehouse(
                        self.partner(row['other_warehouse_partner_id'])
                        or self.partner(row['company_partner_id']),
                        row['other_warehouse'], row['other_warehouse_id'])
                elif kind == RECEIVING:
                    other = self.delivery_address(row['partner_id'])
                else:
                    other = self.partner(row['partner_id'])
                if kind == RECEIVING:
                    docs = [('Purchase order', row['purchase_name']),
                            ('Receipt', row['picking_name'])]
                else:
                    docs = [('Delivery order', row['picking_name']),
                            ('Sales order', row['sale_name'])]
                yield {
                    'event': kind, 'key': 'ml%d' % row['id'],
                    'date': as_datetime(row['date']),
                    'lot': self._lot(row), 'product': products.get(row['product_id']),
                    'qty': row['qty'] or 0.0, 'uom': row['uom'] or '',
                    'docs': [(t, n) for t, n in docs if n],
                    'site': site, 'other': other,
                    'between_warehouses': bool(row['between_warehouses']),
                    'company': self.partner(row['company_partner_id']),
                    'location_id': row['location_id'], 'location_name': row['location_name'],
                }

    def transformations(self):
        query = _EDGES.format(filters=self._edge_filters(),
                              component_lot=_LOT_COLUMNS.format(a='c', p='in_'),
                              finished_lot=_LOT_COLUMNS.format(a='l', p=''))
        # ordered by manufacturing order: the edges of one order are consecutive
        # (one TransformationEvent each, see tools/epcis.py)
        for rows in self._pages(query, keys=('page_production_id', 'id')):
            products = self.products([pid for r in rows for pid in (r['component_product_id'],
                                                                    r['finished_product_id'])])
            self.partners([pid for r in rows for pid in (r['site_partner_id'],
                                                         r['company_partner_id'],
                                                         r['tlc_partner_id'],
                                                         r['in_tlc_partner_id'])])
            for row in rows:
                yield {
                    'event': TRANSFORMATION, 'key': 'edge%d' % row['id'],
                    'date': as_datetime(row['date']),
                    'input': {'lot': self._lot(row, 'in_'),
                              'product': products.get(row['component_product_id']),
                              'qty': row['qty'] or 0.0, 'uom': row['uom'] or ''},
                    'lot': self._lot(row), 'product': products.get(row['finished_product_id']),
                    'qty': row['finished_qty'] or 0.0, 'uom': row['finished_uom'] or '',
                    'production_id': row['production_id'],
                    'docs': [('Manufacturing order', row['production_name'])]
                    if row['production_name'] else [],
                    'site': self._site(row), 'other': None,
                    'company': self.partner(row['company_partner_id']),
                    'location_id': row['location_id'], 'location_name': row['location_name'] or '',
                }

    def events(self, kind):
        if kind == TRANSFORMATION:
            return self.transformations()
        return self.moves(kind)


def _at_warehouse(partner, warehouse, warehouse_id):
    """PARTNER as the address of our warehouse WAREHOUSE (name, id): two
    warehouses of one company often share the company's address."""
    if not partner or not warehouse:
        return partner
    return dict(partner, warehouse=warehouse, warehouse_id=warehouse_id)


# ---------------------------------------------------------------- descriptions
def location_description(partner, why_missing='not recorded: the document names no partner'):
    """FSMA 'location description': business name, phone number, physical address.

    Parts that are not on file are named, so a reader knows the cell is not cut."""
    if not partner:
        return why_missing
    address = [partner['street'], partner['street2'], partner['city'],
               ' '.join(p for p in (partner['state'], partner['zip']) if p), partner['country']]
    address = ', '.join(p for p in address if p)
    name = partner['name'] or 'no business name on file'
    if partner.get('warehouse'):
        name = '%s, warehouse %s' % (name, partner['warehouse'])
    parts = [name,
             address or 'no address on file',
             'Phone %s' % partner['phone'] if partner['phone'] else 'no phone on file']
    if partner.get('gln'):
        parts.append('GLN %s' % partner['gln'])
    return '; '.join(parts)


def tlc_source(event, lot=None):
    """(Traceability Lot Code Source, TLC Source Reference) texts for the lot of EVENT."""
    lot = lot or event['lot']
    source = lot['tlc_source']
    if source:
        description = location_description(source)
    elif lot['made_here'] or not lot['vendor_id']:
        description = location_description(event['site']) + \
            ' (not recorded on the lot: our site, where the lot was made or numbered)'
    else:
        description = 'not recorded on the lot: assigned by the supplier, see Ship-From Location'
    reference = lot['tlc_reference'] or (source or {}).get('gln') or ''
    if not reference:
        reference = 'none on file (no GLN, FDA registration number or URL): ' \
                    'the location description is given instead'
    return description, reference


# ---------------------------------------------------------------- workbook rows
SHEET_OF = {RECEIVING: 'Receiving', TRANSFORMATION: 'Transformation', SHIPPING: 'Shipping'}
NO_DOCUMENT = 'not recorded: the move has no document'
NO_WAREHOUSE = 'not recorded: the transfer through transit is chained to no move %s ' \
               'another warehouse'


def _docs(event):
    docs = event['docs']
    if not docs:
        return NO_DOCUMENT, NO_DOCUMENT
    return '; '.join(d[0] for d in docs), '; '.join(d[1] for d in docs)


def _product_name(product):
    return product['name'] if product else 'not recorded: no product'


def kde_row(event):
    """One row of the FSMA workbook (keys of recall_xlsx.KDE_COLUMNS) for EVENT."""
    doc_type, doc_number = _docs(event)
    source, reference = tlc_source(event)
    row = {
        'lot_code': event['lot']['name'], 'product': _product_name(event['product']),
        'qty': event['qty'], 'uom': event['uom'], 'date': event['date'],
        'tlc_source': source, 'tlc_reference': reference,
        'doc_type': doc_type, 'doc_number': doc_number,
    }
    site = location_description(event['site'], 'not recorded: no warehouse or company address')
    kind = event['event']
    if kind == RECEIVING:
        row.update(ship_from=location_description(event['other'], NO_WAREHOUSE % 'from'
                                                  if event.get('between_warehouses') else
                                                  'not recorded: the receipt names no vendor'),
                   location=site,
                   supplier_lot_code=event['lot']['supplier_lot_code'] or (
                       'same as the Traceability Lot Code' if event['lot']['vendor_id']
                       and not event['lot']['made_here'] else 'not recorded'))
    elif kind == SHIPPING:
        row.update(ship_from=site,
                   ship_to=location_description(event['other'], NO_WAREHOUSE % 'to'
                                                if event.get('between_warehouses') else
                                                'not recorded: the delivery names no customer'))
    else:
        entry = event['input']
        row.update(input_lot_code=entry['lot']['name'],
                   input_product=_product_name(entry['product']),
                   input_qty=entry['qty'], input_uom=entry['uom'], location=site)
    return row


def workbook_rows(reader):
    """{sheet name: generator of KDE rows}: read lazily, sheet after sheet."""
    return {SHEET_OF[kind]: (kde_row(event) for event in reader.events(kind))
            for kind in EVENT_KINDS}
