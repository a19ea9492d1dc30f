# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The trace engine: recursive SQL over lot genealogy edges and move lines.

Plain Python, no ORM: every function takes a database cursor (Odoo's or
psycopg2's) and returns trace rows, plain dicts of one shape (see
docs/reference/trace_rows.rst).  Only Odoo 11 table names appear here.

* The lot walk is one parameterised ``WITH RECURSIVE`` query over
  ``lot_genealogy_edge``.  It recurses on (lot, level) pairs with ``UNION``
  (duplicates dropped), bounded by ``max_depth``, so bad data with a cycle
  cannot make it loop.  Each lot is reported once, at its shortest distance
  from the start lots.
* When the depth limit cuts a branch, the rows at the limit whose lot has
  further, unvisited edges carry ``truncated: True``; never silent.
* ``company_ids`` restricts lots, moves and quants to those companies
  (``None`` = no restriction, for the superuser).
"""

from . import move_kind_sql
from .product_sql import product_name_sql

DEFAULT_MAX_DEPTH = 50

# (edge column we come from, edge column we go to, qty column, unit column)
_DIRECTIONS = {
    'downstream': ('component_lot_id', 'finished_lot_id', 'finished_qty', 'finished_uom_id'),
    'upstream': ('finished_lot_id', 'component_lot_id', 'qty', 'uom_id'),
}

_DATE = "to_char({0}, 'YYYY-MM-DD HH24:MI:SS')"


def _company_filter(alias, company_ids):
    if company_ids is None:
        return 'TRUE'
    return '(%s.company_id IS NULL OR %s.company_id = ANY(%%(company_ids)s))' % (alias, alias)


_WALK = """
WITH RECURSIVE walk(lot_id, level) AS (
        SELECT e.{to_col}, 1
          FROM lot_genealogy_edge e
          JOIN stock_production_lot l ON l.id = e.{to_col}
         WHERE e.{from_col} = ANY(%(lot_ids)s) AND {lot_ok}
    UNION
        SELECT e.{to_col}, w.level + 1
          FROM walk w
          JOIN lot_genealogy_edge e ON e.{from_col} = w.lot_id
          JOIN stock_production_lot l ON l.id = e.{to_col}
         WHERE w.level < %(max_depth)s AND {lot_ok}
),
nodes AS (
    SELECT lot_id, min(level) AS level
      FROM (SELECT lot_id, level FROM walk
            UNION ALL
            SELECT unnest(%(lot_ids)s::int[]), 0) n
     GROUP BY lot_id
),
chosen AS (
    SELECT DISTINCT ON (n.lot_id) n.lot_id, n.level, e.id AS edge_id
      FROM nodes n
      JOIN lot_genealogy_edge e ON e.{to_col} = n.lot_id
      JOIN nodes p ON p.lot_id = e.{from_col} AND p.level = n.level - 1
     WHERE n.level > 0
     ORDER BY n.lot_id, e.{from_col}, e.id
)
SELECT n.lot_id, n.level, c.edge_id,
       n.level >= %(max_depth)s AND EXISTS (
           SELECT 1
             FROM lot_genealogy_edge x
             JOIN stock_production_lot l ON l.id = x.{to_col}
            WHERE x.{from_col} = n.lot_id AND {lot_ok}
              AND NOT EXISTS (SELECT 1 FROM nodes k WHERE k.lot_id = x.{to_col})
       ) AS truncated
  FROM nodes n
  LEFT JOIN chosen c ON c.lot_id = n.lot_id
"""

_PRODUCTION_ROWS = """
SELECT e.id AS edge_id, e.{from_col} AS origin_lot_id, e.{qty_col} AS qty,
       e.qty AS component_qty, e.finished_qty,
       u.name AS uom, {date} AS date,
       mo.id AS production_id, mo.name AS production_name,
       {date_start} AS date_start, {date_finished} AS date_finished,
       {extra}
  FROM lot_genealogy_edge e
  JOIN product_uom u ON u.id = e.{uom_col}
  LEFT JOIN mrp_production mo ON mo.id = e.production_id
  {extra_joins}
 WHERE e.id = ANY(%(edge_ids)s)
"""

_WORK_INFO = """
       (SELECT string_agg(DISTINCT wc.name, ', ')
          FROM mrp_workorder wo JOIN mrp_workcenter wc ON wc.id = wo.workcenter_id
         WHERE wo.production_id = mo.id) AS workcenter,
       COALESCE(
           (SELECT string_agg(DISTINCT op.name, ', ')
              FROM mrp_workorder wo
              JOIN mrp_workcenter_productivity t ON t.workorder_id = wo.id
              JOIN res_users tu ON tu.id = t.user_id
              JOIN res_partner op ON op.id = tu.partner_id
             WHERE wo.production_id = mo.id),
           recorder.name) AS operator
"""

_LOTS = """
SELECT l.id, l.name, p.id, {product_name}, tu.name
  FROM stock_production_lot l
  JOIN product_product p ON p.id = l.product_id
  JOIN product_template t ON t.id = p.product_tmpl_id
  JOIN product_uom tu ON tu.id = t.uom_id
 WHERE l.id = ANY(%(lot_ids)s)
""".format(product_name=product_name_sql('p', 't'))

# trace row kind <- the move line kinds it shows (tools/move_kind_sql.py)
_MOVE_KINDS = {
    'delivery': ('delivery', 'dropship', 'repair_delivery'),
    'return': ('customer_return',),
    'scrap': ('scrap',),
    'receipt': ('receipt', 'dropship'),
}

_MOVE_ROWS = """
WITH nodes(lot_id, level) AS (
    SELECT * FROM unnest(%(node_ids)s::int[], %(node_levels)s::int[])
)
SELECT CASE {kind_case} END AS kind, facts.*, rp.name AS partner_name
  FROM (
    SELECT {move_kind} AS move_kind,
           n.level + 1 AS level, ml.lot_id,
           CASE WHEN u.id = pu.id THEN ml.qty_done
                ELSE round(ml.qty_done / u.factor * pu.factor / pu.rounding) * pu.rounding
           END AS qty, pu.name AS uom, ml.qty_done AS line_qty, u.name AS line_uom,
           {date} AS date, ml.date AS sort_date, {partner} AS partner_id,
           pk.id AS picking_id, pk.name AS picking_name,
           so.id AS sale_id, so.name AS sale_name,
           po.id AS purchase_id, po.name AS purchase_name,
           sc.id AS scrap_id, sc.name AS scrap_name,
           m.id AS move_id, ml.id AS move_line_id,
           ls.id AS location_id, ls.complete_name AS location_name,
           ld.id AS location_dest_id, ld.complete_name AS location_dest_name
      FROM nodes n
      JOIN stock_move_line ml ON ml.lot_id = n.lot_id AND ml.state = 'done'
      JOIN stock_move m ON m.id = ml.move_id
      JOIN stock_location ls ON ls.id = ml.location_id
      JOIN stock_location ld ON ld.id = ml.location_dest_id
      JOIN product_uom u ON u.id = ml.product_uom_id
      JOIN product_product pp ON pp.id = ml.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
      JOIN product_uom pu ON pu.id = pt.uom_id
      {partner_joins}
      LEFT JOIN LATERAL (SELECT s.id, s.name FROM stock_scrap s
                          WHERE s.move_id = m.id ORDER BY s.id LIMIT 1) sc ON TRUE
     WHERE {move_kind} = ANY(%(move_kinds)s) AND {move_ok}
  ) facts
  LEFT JOIN res_partner rp ON rp.id = facts.partner_id
 ORDER BY facts.level, kind, facts.sort_date, facts.move_line_id
"""

_STOCK_ROWS = """
WITH nodes(lot_id, level) AS (
    SELECT * FROM unnest(%(node_ids)s::int[], %(node_levels)s::int[])
)
SELECT n.level + 1 AS level, q.lot_id, sum(q.quantity) AS qty,
       {date} AS date, loc.id AS location_id, loc.complete_name AS location_name
  FROM nodes n
  JOIN stock_quant q ON q.lot_id = n.lot_id
  JOIN stock_location loc ON loc.id = q.location_id AND loc.usage = 'internal'
 WHERE {quant_ok}
 GROUP BY n.level, q.lot_id, loc.id, loc.complete_name
HAVING sum(q.quantity) > 0
 ORDER BY n.level, q.lot_id, loc.complete_name
""".format(date=_DATE.format('max(q.in_date)'), quant_ok='{quant_ok}')


def _params(lot_ids, company_ids, max_depth):
    params = {'lot_ids': sorted({int(i) for i in lot_ids}), 'max_depth': int(max_depth)}
    if company_ids is not None:
        params['company_ids'] = sorted({int(i) for i in company_ids})
    return params


def walk(cr, lot_ids, direction, company_ids=None, max_depth=DEFAULT_MAX_DEPTH):
    """Lots reached from LOT_IDS: list of (lot_id, level, edge_id, truncated).

    Start lots come back at level 0 without an edge; every other lot once,
    at its shortest distance, with the edge that reached it from the level
    above.
    """
    if direction not in _DIRECTIONS:
        raise ValueError('direction must be one of %s' % ', '.join(sorted(_DIRECTIONS)))
    if max_depth < 1:
        raise ValueError('max_depth must be at least 1')
    from_col, to_col = _DIRECTIONS[direction][:2]
    query = _WALK.format(from_col=from_col, to_col=to_col,
                         lot_ok=_company_filter('l', company_ids))
    cr.execute(query, _params(lot_ids, company_ids, max_depth))
    return cr.fetchall()


def _lot_info(cr, lot_ids):
    cr.execute(_LOTS, {'lot_ids': list(lot_ids)})
    return {row[0]: row[1:] for row in cr.fetchall()}


def _base_row(kind, level, lot_id, lots):
    lot_name, product_id, product_name, product_uom = lots[lot_id]
    return {
        'kind': kind, 'level': level, 'lot_id': lot_id, 'lot_name': lot_name,
        'product_id': product_id, 'product_name': product_name,
        'qty': 0.0, 'uom': product_uom, 'date': False, 'partner_id': False,
        'reference': False, 'res_model': False, 'res_id': False,
    }


def _production_rows(cr, direction, nodes, lots):
    from_col, _to, qty_col, uom_col = _DIRECTIONS[direction]
    by_edge = {edge_id: (lot_id, level, truncated)
               for lot_id, level, edge_id, truncated in nodes if edge_id}
    if not by_edge:
        return []
    upstream = direction == 'upstream'
    query = _PRODUCTION_ROWS.format(
        from_col=from_col, qty_col=qty_col, uom_col=uom_col,
        date=_DATE.format('e.date'), date_start=_DATE.format('mo.date_start'),
        date_finished=_DATE.format('mo.date_finished'),
        extra=_WORK_INFO if upstream else 'NULL AS workcenter, NULL AS operator',
        extra_joins=('LEFT JOIN res_users ru ON ru.id = e.user_id '
                     'LEFT JOIN res_partner recorder ON recorder.id = ru.partner_id')
        if upstream else '')
    cr.execute(query, {'edge_ids': list(by_edge)})
    columns = [desc[0] for desc in cr.description]
    rows = []
    for values in cr.fetchall():
        edge = dict(zip(columns, values))
        lot_id, level, truncated = by_edge[edge['edge_id']]
        row = _base_row('production', level, lot_id, lots)
        row.update({
            'qty': edge['qty'], 'uom': edge['uom'], 'date': edge['date'] or False,
            'reference': edge['production_name'] or False,
            'res_model': 'mrp.production' if edge['production_id'] else False,
            'res_id': edge['production_id'] or False,
            'production_id': edge['production_id'] or False,
            'origin_lot_id': edge['origin_lot_id'],
            'component_qty': edge['component_qty'], 'finished_qty': edge['finished_qty'],
            'date_start': edge['date_start'] or False,
            'date_finished': edge['date_finished'] or False,
            'edge_id': edge['edge_id'], 'truncated': bool(truncated),
        })
        if upstream:
            row['workcenter'] = edge['workcenter'] or False
            row['operator'] = edge['operator'] or False
        rows.append(row)
    return rows


def _move_rows(cr, kinds, node_params, company_ids, lots, partner):
    """Rows of the done lines of the nodes whose kind is one of KINDS (trace
    row kinds, see _MOVE_KINDS); PARTNER: the move_kind_sql partner fragment
    naming the row's partner (the customer downstream, the vendor upstream)."""
    kind_case = ' '.join("WHEN facts.move_kind IN (%s) THEN '%s'" % (
        ', '.join("'%s'" % name for name in _MOVE_KINDS[k]), k) for k in kinds)
    query = _MOVE_ROWS.format(kind_case=kind_case, move_kind=move_kind_sql.KIND,
                              partner=partner, partner_joins=move_kind_sql.PARTNER_JOINS,
                              date=_DATE.format('ml.date'),
                              move_ok=_company_filter('m', company_ids))
    params = dict(node_params, move_kinds=sorted({name for k in kinds
                                                  for name in _MOVE_KINDS[k]}))
    cr.execute(query, params)
    columns = [desc[0] for desc in cr.description]
    rows = []
    for values in cr.fetchall():
        fact = dict(zip(columns, values))
        row = _base_row(fact['kind'], fact['level'], fact['lot_id'], lots)
        if fact['scrap_id']:
            reference, res_model, res_id = fact['scrap_name'], 'stock.scrap', fact['scrap_id']
        elif fact['picking_id']:
            reference, res_model, res_id = fact['picking_name'], 'stock.picking', fact['picking_id']
        else:
            reference, res_model, res_id = False, 'stock.move', fact['move_id']
        row.update({
            'move_kind': fact['move_kind'],
            'qty': fact['qty'], 'uom': fact['uom'], 'date': fact['date'],
            'line_qty': fact['line_qty'], 'line_uom': fact['line_uom'],
            'partner_id': fact['partner_id'] or False,
            'partner_name': fact['partner_name'] or False,
            'reference': reference, 'res_model': res_model, 'res_id': res_id,
            'picking_id': fact['picking_id'] or False,
            'sale_id': fact['sale_id'] or False, 'sale_name': fact['sale_name'] or False,
            'purchase_id': fact['purchase_id'] or False,
            'purchase_name': fact['purchase_name'] or False,
            'move_line_id': fact['move_line_id'],
            'location_id': fact['location_id'], 'location_name': fact['location_name'],
            'location_dest_id': fact['location_dest_id'],
            'location_dest_name': fact['location_dest_name'],
        })
        rows.append(row)
    return rows


def _stock_rows(cr, node_params, company_ids, lots):
    cr.execute(_STOCK_ROWS.format(quant_ok=_company_filter('q', company_ids)), node_params)
    rows = []
    for level, lot_id, qty, date, location_id, location_name in cr.fetchall():
        row = _base_row('stock', level, lot_id, lots)
        row.update({
            'qty': qty, 'date': date or False, 'reference': location_name,
            'res_model': 'stock.location', 'res_id': location_id,
            'location_id': location_id, 'location_name': location_name,
        })
        rows.append(row)
    return rows


def trace(cr, lot_ids, direction, company_ids=None, max_depth=DEFAULT_MAX_DEPTH):
    """Trace rows reached from LOT_IDS, 'downstream' or 'upstream'."""
    if not lot_ids:
        return []
    nodes = walk(cr, lot_ids, direction, company_ids, max_depth)
    lots = _lot_info(cr, [node[0] for node in nodes])
    nodes = [node for node in nodes if node[0] in lots]
    rows = _production_rows(cr, direction, nodes, lots)
    node_params = {'node_ids': [node[0] for node in nodes],
                   'node_levels': [node[1] for node in nodes]}
    if company_ids is not None:
        node_params['company_ids'] = sorted({int(i) for i in company_ids})
    if direction == 'downstream':
        rows += _move_rows(cr, ('delivery', 'return', 'scrap'), node_params, company_ids, lots,
                           move_kind_sql.PARTNER)
        rows += _stock_rows(cr, node_params, company_ids, lots)
    else:
        rows += _move_rows(cr, ('receipt',), node_params, company_ids, lots,
                           move_kind_sql.VENDOR)
    rows.sort(key=lambda row: (row['level'], row['kind'], row['date'] or '', row['lot_id']))
    return rows


def trace_downstream(cr, lot_ids, company_ids=None, max_depth=DEFAULT_MAX_DEPTH):
    return trace(cr, lot_ids, 'downstream', company_ids, max_depth)


def trace_upstream(cr, lot_ids, company_ids=None, max_depth=DEFAULT_MAX_DEPTH):
    return trace(cr, lot_ids, 'upstream', company_ids, max_depth)
