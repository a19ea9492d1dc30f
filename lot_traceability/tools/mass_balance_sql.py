# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mass balance of lots: one SQL aggregation over done move lines (no ORM).

Every function takes a database cursor (Odoo's or psycopg2's).  Only Odoo 11
table names appear here.

A done move line of a lot counts in one *in* bucket when it comes from
outside the stock (by its source location) and in one *out* bucket when it
leaves to outside the stock (by its destination location); a line between
two internal locations counts nowhere, a line between two outside locations
of the same kind neither.  Transit locations are in no bucket: stock in
transit is neither in nor out, so it shows as ``unexplained`` and in the
per-location split (``on_hand_by_location``, usage ``transit``).  Quants are
summed as they are: a negative quant lowers ``on_hand`` and is listed.

    in  = received + produced + returned + adjusted_in
    out = consumed + delivered + returned_to_vendor + scrapped + adjusted_out
    unexplained = in - out - on_hand

``produced`` and ``consumed`` are net of unbuilds (an unbuild takes the
finished lot back into production and gives components back), ``scrapped``
net of stock taken back out of a scrap location.  Quantities are in the
product's unit of measure (move lines in another unit are converted).
"""
import math

from . import move_kind_sql as mk
from .product_sql import product_name_sql
from .sql_plans import fetch_without_jit
from .trace_sql import _company_filter

IN_BUCKETS = ('received', 'produced', 'returned', 'adjusted_in')
OUT_BUCKETS = ('consumed', 'delivered', 'returned_to_vendor', 'scrapped', 'adjusted_out')
BUCKETS = IN_BUCKETS + OUT_BUCKETS

# a line between two outside locations of the same kind moves nothing
_CROSSES = ("NOT (ls.usage = ld.usage AND "
            "(ls.scrap_location IS TRUE) = (ld.scrap_location IS TRUE))")

# bucket -> [(sign, condition on ls (source), ld (destination), m (move))]:
# the sides of tools/move_kind_sql.py (a dropship, vendor -> customer, is
# received and delivered)
FLOWS = {
    'received': [(1, mk.FROM_VENDOR)],
    'produced': [(1, "%s AND m.unbuild_id IS NULL" % mk.FROM_PRODUCTION),
                 (-1, "%s AND %s" % (mk.TO_PRODUCTION, mk.UNBUILD_CONSUMPTION))],
    'returned': [(1, mk.FROM_CUSTOMER)],
    'adjusted_in': [(1, mk.FROM_INVENTORY)],
    'consumed': [(1, "%s AND m.consume_unbuild_id IS NULL AND NOT %s"
                  % (mk.TO_PRODUCTION, mk.TO_REPAIRED_DEVICE)),
                 (-1, "%s AND %s" % (mk.FROM_PRODUCTION, mk.UNBUILD_OUTPUT))],
    # a part fitted into a device without a lot went to the repair's customer
    'delivered': [(1, mk.TO_CUSTOMER), (1, mk.TO_REPAIRED_DEVICE)],
    'returned_to_vendor': [(1, mk.TO_VENDOR)],
    'scrapped': [(1, mk.TO_SCRAP), (-1, mk.FROM_SCRAP)],
    'adjusted_out': [(1, mk.TO_INVENTORY)],
}

# the move by its primary key, row by row (OFFSET 0 keeps the planner from
# hashing the whole stock_move table for a few thousand lines)
_LINES = """
  FROM stock_move_line ml
  JOIN LATERAL (SELECT mv.id, mv.company_id, mv.partner_id, mv.unbuild_id,
                       mv.consume_unbuild_id, mv.raw_material_production_id,
                       mv.picking_id, mv.purchase_line_id, mv.sale_line_id
                  FROM stock_move mv WHERE mv.id = ml.move_id OFFSET 0) m ON TRUE
  JOIN stock_location ls ON ls.id = ml.location_id
  JOIN stock_location ld ON ld.id = ml.location_dest_id
 WHERE ml.lot_id = ANY(%(lot_ids)s) AND ml.state = 'done' AND {move_ok} AND {crosses}
"""

# one statement: the lots, their flows aggregated per lot, their quants per location
_BALANCE = """
WITH lots AS (
    SELECT l.id, u.name AS uom, u.rounding, l.name, l.product_id,
           {product_name} AS product_name
      FROM stock_production_lot l
      JOIN product_product p ON p.id = l.product_id
      JOIN product_template t ON t.id = p.product_tmpl_id
      JOIN product_uom u ON u.id = t.uom_id
     WHERE l.id = ANY(%(lot_ids)s) AND {lot_ok}
),
by_unit AS (
    SELECT ml.lot_id, ml.product_id, ml.product_uom_id, {sums},
           COALESCE(sum(ml.qty) FILTER (WHERE ml.unidentified), 0) AS unidentified
      FROM (SELECT ml.lot_id, ml.product_id, ml.product_uom_id, ml.qty_done AS qty,
                   {conditions},
                   {unidentified} AS unidentified
              {lines_from}
           ) ml
     GROUP BY ml.lot_id, ml.product_id, ml.product_uom_id
),
-- converted into the product's unit once per lot, product and unit of the
-- lines (not once per line)
flows AS (
    SELECT b.lot_id, {converted},
           sum(b.unidentified / lu.factor * pu.factor) AS unidentified
      FROM by_unit b
      JOIN product_uom lu ON lu.id = b.product_uom_id
      JOIN product_product pp ON pp.id = b.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
      JOIN product_uom pu ON pu.id = pt.uom_id
     GROUP BY b.lot_id
),
stock AS (
    SELECT q.lot_id, loc.id AS location_id, loc.complete_name AS location_name,
           loc.usage, sum(q.quantity) AS qty
      FROM stock_quant q
      JOIN stock_location loc ON loc.id = q.location_id
     WHERE q.lot_id = ANY(%(lot_ids)s) AND loc.usage IN ('internal', 'transit') AND {quant_ok}
     GROUP BY q.lot_id, loc.id, loc.complete_name, loc.usage
    HAVING sum(q.quantity) <> 0
),
stock_by_lot AS (
    SELECT s.lot_id,
           array_agg(ARRAY[s.location_id::text, s.location_name, s.usage, s.qty::text]
                     ORDER BY s.usage, s.location_name, s.location_id) AS locations
      FROM stock s
     GROUP BY s.lot_id
)
SELECT lots.id, lots.uom, lots.rounding, {bucket_columns},
       lots.name, lots.product_id, lots.product_name,
       COALESCE(f.unidentified, 0) AS unidentified, sl.locations
  FROM lots
  LEFT JOIN flows f ON f.lot_id = lots.id
  LEFT JOIN stock_by_lot sl ON sl.lot_id = lots.id
 ORDER BY lots.id
"""

# a delivery to a customer location without a customer (tools/move_kind_sql.py:
# the move's partner, the order's delivery address, the transfer's partner,
# never a vendor): the documents are looked up only for lines to a customer
# (the join to every picking cost more than the rest of the statement)
_UNIDENTIFIED = """(CASE WHEN {to_customer} OR {to_device}
                         THEN (SELECT {customer} IS NULL FROM (SELECT 1) one {joins})
                         ELSE FALSE END)""".format(to_customer=mk.TO_CUSTOMER,
                                                   to_device=mk.TO_REPAIRED_DEVICE,
                                                   customer=mk.CUSTOMER,
                                                   joins=mk.PARTNER_JOINS)


def _flow_conditions():
    """(column name, sign, bucket, condition) for every flow."""
    out = []
    for bucket in BUCKETS:
        for index, (sign, condition) in enumerate(FLOWS[bucket]):
            out.append(('%s_%d' % (bucket, index), sign, bucket, condition))
    return out


def _build_balance_query(company_ids, with_unidentified=True):
    flows = _flow_conditions()
    conditions = ',\n                   '.join('(%s) AS %s' % (cond, col)
                                               for col, _s, _b, cond in flows)
    sums = ', '.join('COALESCE(sum(ml.qty) FILTER (WHERE ml.%s), 0) AS %s' % (col, col)
                     for col, _s, _b, _c in flows)
    converted = ', '.join('sum(b.%s / lu.factor * pu.factor) AS %s' % (col, col)
                          for col, _s, _b, _c in flows)
    bucket_columns = []
    for bucket in BUCKETS:
        terms = ['%s COALESCE(f.%s, 0)' % ('+' if sign > 0 else '-', col)
                 for col, sign, name, _c in flows if name == bucket]
        bucket_columns.append('(0 %s) AS %s' % (' '.join(terms), bucket))
    lines_from = _LINES.format(move_ok=_company_filter('m', company_ids), crosses=_CROSSES)
    return _BALANCE.format(lot_ok=_company_filter('l', company_ids), sums=sums,
                           product_name=product_name_sql('p', 't'),
                           converted=converted,
                           conditions=conditions, lines_from=lines_from,
                           unidentified=_UNIDENTIFIED if with_unidentified else 'FALSE',
                           quant_ok=_company_filter('q', company_ids),
                           bucket_columns=', '.join(bucket_columns))


def _params(lot_ids, company_ids):
    params = {'lot_ids': sorted({int(i) for i in lot_ids})}
    if company_ids is not None:
        params['company_ids'] = sorted({int(i) for i in company_ids})
    return params


def digits_of(rounding):
    """Decimal places of a unit's rounding (0.01 -> 2, 1.0 -> 0)."""
    if not rounding or rounding <= 0:
        return 6
    return max(0, int(math.ceil(-math.log10(float(rounding)) - 1e-9)))


def _round(value, digits):
    value = round(float(value or 0.0), digits)
    return 0.0 if value == 0 else value


def mass_balance(cr, lot_ids, company_ids=None, with_unidentified=False, with_lot=False):
    """One dict per lot of LOT_IDS (ordered by lot id; lots outside
    COMPANY_IDS are left out): lot_id, uom, the buckets, on_hand,
    on_hand_by_location and unexplained.  COMPANY_IDS None = no restriction.
    WITH_UNIDENTIFIED adds ``unidentified``: the part of ``delivered`` that
    went to a customer location without a customer on the picking or move.
    WITH_LOT adds ``lot_name``, ``product_id``, ``product_name`` (as the
    trace names it: ``[code] name``) and ``digits`` (decimal places of the
    product's unit), read by the same statement."""
    if not lot_ids:
        return []
    rows = fetch_without_jit(cr, _build_balance_query(company_ids, with_unidentified),
                             _params(lot_ids, company_ids))
    balances = []
    nb = len(BUCKETS)
    for row in rows:
        lot_id, uom, rounding = row[:3]
        digits = digits_of(rounding)
        balance = {'lot_id': lot_id, 'uom': uom}
        for bucket, value in zip(BUCKETS, row[3:3 + nb]):
            balance[bucket] = _round(value, digits)
        locations = []
        if with_unidentified:
            balance['unidentified'] = _round(row[-2], digits)
        if with_lot:
            balance.update(lot_name=row[3 + nb], product_id=row[4 + nb],
                           product_name=row[5 + nb], digits=digits)
        for location_id, location_name, usage, qty in row[-1] or []:
            locations.append({'location_id': int(location_id), 'location_name': location_name,
                              'usage': usage, 'qty': _round(qty, digits)})
        balance['on_hand_by_location'] = locations
        balance['on_hand'] = _round(sum(loc['qty'] for loc in locations
                                        if loc['usage'] == 'internal'), digits)
        total_in = sum(balance[b] for b in IN_BUCKETS)
        total_out = sum(balance[b] for b in OUT_BUCKETS)
        balance['unexplained'] = _round(total_in - total_out - balance['on_hand'], digits)
        balances.append(balance)
    return balances


def bucket_move_line_ids(cr, lot_ids, bucket, company_ids=None):
    """Ids of the done move lines behind BUCKET of LOT_IDS (the same
    conditions as ``mass_balance``), oldest first."""
    if bucket not in FLOWS:
        raise ValueError('bucket must be one of %s' % ', '.join(BUCKETS))
    if not lot_ids:
        return []
    condition = ' OR '.join('(%s)' % cond for _sign, cond in FLOWS[bucket])
    query = ('SELECT ml.id' + _LINES + ' AND (%s) ORDER BY ml.date, ml.id' % condition).format(
        move_ok=_company_filter('m', company_ids), crosses=_CROSSES)
    cr.execute(query, _params(lot_ids, company_ids))
    return [row[0] for row in cr.fetchall()]


def consumed_into(cr, lot_ids, finished_lot_ids):
    """{component lot_id: quantity consumed into FINISHED_LOT_IDS} from the
    genealogy edges (net of unbuilds, component's unit)."""
    if not lot_ids or not finished_lot_ids:
        return {}
    cr.execute("""SELECT component_lot_id, sum(qty) FROM lot_genealogy_edge
                   WHERE component_lot_id = ANY(%s) AND finished_lot_id = ANY(%s)
                   GROUP BY component_lot_id""",
               (sorted({int(i) for i in lot_ids}), sorted({int(i) for i in finished_lot_ids})))
    return {lot_id: float(qty or 0.0) for lot_id, qty in cr.fetchall()}


# Yield: what each order making a finished lot consumed of each component
# product (per component lot, from the edges) against what its bill of
# materials expects for the quantity it made of that lot.
_YIELD = """
WITH made AS (
    SELECT e.production_id, e.finished_lot_id, max(e.finished_qty) AS qty
      FROM lot_genealogy_edge e
     WHERE e.finished_lot_id = ANY(%(lot_ids)s) AND e.production_id IS NOT NULL
     GROUP BY e.production_id, e.finished_lot_id
),
expected AS (
    SELECT made.production_id, made.finished_lot_id, bl.product_id,
           sum(made.qty / fu.factor * bu.factor / b.product_qty
               * bl.product_qty / blu.factor * cu.factor) AS qty
      FROM made
      JOIN mrp_production mo ON mo.id = made.production_id
      JOIN mrp_bom b ON b.id = mo.bom_id
      JOIN product_product fp ON fp.id = mo.product_id
      JOIN product_template ft ON ft.id = fp.product_tmpl_id
      JOIN product_uom fu ON fu.id = ft.uom_id
      JOIN product_uom bu ON bu.id = b.product_uom_id
      JOIN mrp_bom_line bl ON bl.bom_id = b.id
      JOIN product_uom blu ON blu.id = bl.product_uom_id
      JOIN product_product cp ON cp.id = bl.product_id
      JOIN product_template ct ON ct.id = cp.product_tmpl_id
      JOIN product_uom cu ON cu.id = ct.uom_id
     WHERE b.product_qty > 0
     GROUP BY made.production_id, made.finished_lot_id, bl.product_id
),
consumed AS (
    SELECT e.production_id, e.finished_lot_id, e.component_product_id AS product_id,
           e.component_lot_id, sum(e.qty) AS qty
      FROM lot_genealogy_edge e
     WHERE e.finished_lot_id = ANY(%(lot_ids)s) AND e.production_id IS NOT NULL
     GROUP BY e.production_id, e.finished_lot_id, e.component_product_id, e.component_lot_id
)
SELECT COALESCE(c.production_id, x.production_id), COALESCE(c.finished_lot_id, x.finished_lot_id),
       COALESCE(c.product_id, x.product_id), c.component_lot_id, c.qty, x.qty
  FROM consumed c
  FULL JOIN expected x ON x.production_id = c.production_id
                      AND x.finished_lot_id = c.finished_lot_id AND x.product_id = c.product_id
 ORDER BY 1, 2, 3, 4
"""


def lot_yield(cr, finished_lot_ids):
    """Yield of FINISHED_LOT_IDS: one dict per (production, finished lot,
    component product) with ``expected`` (bill of materials for the
    quantity made), ``consumed`` (every component lot together),
    ``variance`` = consumed - expected, ``variance_pct`` (of expected, False
    without expectation) and ``lots``: [(component lot_id, qty)].  A
    component consumed without a BoM line has expected 0; a BoM line
    without consumption of a tracked lot has consumed 0."""
    if not finished_lot_ids:
        return []
    cr.execute(_YIELD, {'lot_ids': sorted({int(i) for i in finished_lot_ids})})
    rows = {}
    for production_id, lot_id, product_id, component_lot_id, consumed, expected in cr.fetchall():
        key = (production_id, lot_id, product_id)
        row = rows.setdefault(key, {
            'production_id': production_id, 'lot_id': lot_id, 'product_id': product_id,
            'expected': float(expected or 0.0), 'consumed': 0.0, 'lots': []})
        if component_lot_id:
            row['consumed'] += float(consumed or 0.0)
            row['lots'].append((component_lot_id, float(consumed or 0.0)))
    result = []
    for key in sorted(rows):
        row = rows[key]
        row['expected'] = round(row['expected'], 6)
        row['consumed'] = round(row['consumed'], 6)
        row['variance'] = round(row['consumed'] - row['expected'], 6)
        row['variance_pct'] = (round(100.0 * row['variance'] / row['expected'], 2)
                               if row['expected'] else False)
        result.append(row)
    return result
