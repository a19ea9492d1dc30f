# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lot genealogy edges computed from Odoo's consumption links (plain SQL).

Odoo 11 records, for each finished move line of a manufacturing order, the
component move lines it consumed (``stock_move_line_consume_rel``: column
``consume_line_id`` is the finished line, ``produce_line_id`` the component
line).  Unbuild orders write the same table the other way round (the
components they give back "consume" the finished lot), so those rows are
left out and the quantities an unbuild gave back are subtracted instead:
an edge fully unbuilt disappears.

Odoo links a byproduct's finished line to every component line the order
consumed, beside the main product's line: a component line linked to the
lines of several finished lots is shared equally among those lots, so the
edges of a component lot add up to what it consumed, never more.

One edge per (manufacturing order, finished lot, component lot), with the
component quantity and the finished quantity in each product's unit.
"""


def _line_qty(alias):
    """SQL: quantity done of move line ALIAS in its product's unit."""
    return '(%(a)s.qty_done / %(a)s_lu.factor * %(a)s_pu.factor)' % {'a': alias}


def _line_uoms(alias):
    """SQL joins giving move line ALIAS's unit (_lu) and its product's unit (_pu)."""
    return (' JOIN product_uom %(a)s_lu ON %(a)s_lu.id = %(a)s.product_uom_id'
            ' JOIN product_product %(a)s_pp ON %(a)s_pp.id = %(a)s.product_id'
            ' JOIN product_template %(a)s_pt ON %(a)s_pt.id = %(a)s_pp.product_tmpl_id'
            ' JOIN product_uom %(a)s_pu ON %(a)s_pu.id = %(a)s_pt.uom_id ') % {'a': alias}


_REBUILD = """
WITH pairs AS (
    SELECT COALESCE(fm.production_id, cm.raw_material_production_id) AS production_id,
           fl.id AS f_line, fl.lot_id AS f_lot, fl.product_id AS f_product,
           {fl_qty} AS f_qty, fl_pu.id AS f_uom, fl.date AS f_date, fl.create_uid AS f_user,
           cl.id AS c_line, cl.lot_id AS c_lot, cl.product_id AS c_product,
           {cl_qty} AS c_qty, cl_pu.id AS c_uom
      FROM stock_move_line_consume_rel rel
      JOIN stock_move_line fl ON fl.id = rel.consume_line_id
      JOIN stock_move_line cl ON cl.id = rel.produce_line_id
      JOIN stock_move fm ON fm.id = fl.move_id
      JOIN stock_move cm ON cm.id = cl.move_id
      {fl_uoms}
      {cl_uoms}
     WHERE fl.lot_id IS NOT NULL AND cl.lot_id IS NOT NULL
       AND fl.state = 'done' AND cl.state = 'done'
       AND fm.unbuild_id IS NULL AND fm.consume_unbuild_id IS NULL
       AND cm.unbuild_id IS NULL AND cm.consume_unbuild_id IS NULL
       AND fl.lot_id <> cl.lot_id
       {where_pairs}
),
shares AS (
    SELECT c_line, count(DISTINCT f_lot) AS lots FROM pairs GROUP BY c_line
),
consumed AS (
    SELECT production_id, f_lot, c_lot, c_product, c_uom, sum(c_qty / s.lots) AS qty
      FROM (SELECT DISTINCT production_id, f_lot, c_lot, c_product, c_uom, c_line, c_qty
              FROM pairs) d
      JOIN shares s USING (c_line)
     GROUP BY production_id, f_lot, c_lot, c_product, c_uom
),
produced AS (
    SELECT production_id, f_lot, f_product, f_uom, sum(f_qty) AS qty,
           max(f_date) AS date, min(f_user) AS user_id
      FROM (SELECT DISTINCT production_id, f_lot, f_product, f_uom, f_line, f_qty, f_date, f_user
              FROM pairs) d
     GROUP BY production_id, f_lot, f_product, f_uom
),
unbuilt_components AS (
    SELECT u.mo_id AS production_id, u.lot_id AS f_lot, ul.lot_id AS c_lot,
           sum({ul_qty}) AS qty
      FROM mrp_unbuild u
      JOIN stock_move um ON um.unbuild_id = u.id
      JOIN stock_move_line ul ON ul.move_id = um.id AND ul.state = 'done'
      {ul_uoms}
     WHERE u.state = 'done' AND u.mo_id IS NOT NULL AND ul.lot_id IS NOT NULL {where_unbuild}
     GROUP BY u.mo_id, u.lot_id, ul.lot_id
),
unbuilt_finished AS (
    SELECT u.mo_id AS production_id, u.lot_id AS f_lot, sum({vl_qty}) AS qty
      FROM mrp_unbuild u
      JOIN stock_move vm ON vm.consume_unbuild_id = u.id
      JOIN stock_move_line vl ON vl.move_id = vm.id AND vl.state = 'done'
      {vl_uoms}
     WHERE u.state = 'done' AND u.mo_id IS NOT NULL {where_unbuild}
     GROUP BY u.mo_id, u.lot_id
)
INSERT INTO lot_genealogy_edge
       (finished_lot_id, component_lot_id, finished_product_id, component_product_id,
        production_id, qty, uom_id, finished_qty, finished_uom_id, date, user_id,
        company_id, create_uid, create_date, write_uid, write_date)
SELECT c.f_lot, c.c_lot, p.f_product, c.c_product, c.production_id,
       c.qty - COALESCE(uc.qty, 0), c.c_uom,
       p.qty - COALESCE(uf.qty, 0), p.f_uom, p.date, p.user_id,
       COALESCE(flot.company_id, mo.company_id), %(uid)s, now() at time zone 'UTC',
       %(uid)s, now() at time zone 'UTC'
  FROM consumed c
  JOIN produced p ON p.production_id IS NOT DISTINCT FROM c.production_id AND p.f_lot = c.f_lot
  JOIN stock_production_lot flot ON flot.id = c.f_lot
  LEFT JOIN mrp_production mo ON mo.id = c.production_id
  LEFT JOIN unbuilt_components uc
         ON uc.production_id = c.production_id AND uc.f_lot = c.f_lot AND uc.c_lot = c.c_lot
  LEFT JOIN unbuilt_finished uf ON uf.production_id = c.production_id AND uf.f_lot = c.f_lot
 WHERE c.qty - COALESCE(uc.qty, 0) > 0.000001
   AND p.qty - COALESCE(uf.qty, 0) > 0.000001
"""

_REBUILD_SQL = {
    'fl_qty': _line_qty('fl'), 'cl_qty': _line_qty('cl'),
    'ul_qty': _line_qty('ul'), 'vl_qty': _line_qty('vl'),
    'fl_uoms': _line_uoms('fl'), 'cl_uoms': _line_uoms('cl'),
    'ul_uoms': _line_uoms('ul'), 'vl_uoms': _line_uoms('vl'),
}


def rebuild_edges(cr, uid, production_ids=None, finished_lot_ids=None):
    """Recompute the edges of PRODUCTION_IDS (every edge when both are
    None), or the edges made outside any manufacturing order (a repair links
    the repaired lot to the parts it fitted) of FINISHED_LOT_IDS.

    Returns the number of edges written.
    """
    params = {'uid': uid}
    if finished_lot_ids is not None:
        finished_lot_ids = sorted({int(lid) for lid in finished_lot_ids if lid})
        if not finished_lot_ids:
            return 0
        cr.execute('DELETE FROM lot_genealogy_edge '
                   'WHERE production_id IS NULL AND finished_lot_id = ANY(%s)',
                   (finished_lot_ids,))
        where_pairs = ('AND fm.production_id IS NULL AND cm.raw_material_production_id IS NULL '
                       'AND fl.lot_id = ANY(%(finished_lot_ids)s)')
        where_unbuild = 'AND FALSE'
        params['finished_lot_ids'] = finished_lot_ids
    elif production_ids is None:
        cr.execute('DELETE FROM lot_genealogy_edge')
        where_pairs = where_unbuild = ''
    else:
        production_ids = sorted({int(pid) for pid in production_ids if pid})
        if not production_ids:
            return 0
        cr.execute('DELETE FROM lot_genealogy_edge WHERE production_id = ANY(%s)',
                   (production_ids,))
        # the finished lines of these orders (indexed path: order -> moves -> lines)
        where_pairs = ('AND fl.move_id IN (SELECT id FROM stock_move '
                       'WHERE production_id = ANY(%(production_ids)s))')
        where_unbuild = 'AND u.mo_id = ANY(%(production_ids)s)'
        params['production_ids'] = production_ids
    cr.execute(_REBUILD.format(where_pairs=where_pairs, where_unbuild=where_unbuild,
                               **_REBUILD_SQL), params)
    return cr.rowcount
