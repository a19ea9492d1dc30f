# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The plain trace module on a bare psycopg2 cursor (no ORM): the recursive
walk on hand-made genealogies, rolled back afterwards."""
import itertools

import pytest

from odoo.addons.lot_traceability.tools import trace_sql

LOT_NUMBERS = itertools.count(1)


def make_lots(cr, count, company_id=None):
    cr.execute("SELECT id FROM product_product ORDER BY id LIMIT 1")
    product_id = cr.fetchone()[0]
    if company_id is None:
        cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
        company_id = cr.fetchone()[0]
    ids = []
    for _index in range(count):
        cr.execute("INSERT INTO stock_production_lot (name, product_id, company_id, create_date)"
                   " VALUES (%s, %s, %s, now()) RETURNING id",
                   ('SQL-TEST-%d' % next(LOT_NUMBERS), product_id, company_id))
        ids.append(cr.fetchone()[0])
    return ids


def link(cr, component, finished):
    cr.execute("INSERT INTO lot_genealogy_edge"
               " (component_lot_id, finished_lot_id, qty, finished_qty)"
               " VALUES (%s, %s, 1, 1)", (component, finished))


def levels(nodes):
    return {lot_id: (level, truncated) for lot_id, level, _edge, truncated in nodes}


def test_walk_follows_a_dag_at_shortest_distance(cr):
    a, b, c, d = make_lots(cr, 4)
    for component, finished in ((a, b), (a, c), (b, d), (c, d), (a, d)):
        link(cr, component, finished)
    nodes = trace_sql.walk(cr, [a], 'downstream')
    assert levels(nodes) == {a: (0, False), b: (1, False), c: (1, False), d: (1, False)}
    nodes = trace_sql.walk(cr, [d], 'upstream')
    assert levels(nodes) == {d: (0, False), b: (1, False), c: (1, False), a: (1, False)}


def test_walk_survives_a_cycle(cr):
    lots = make_lots(cr, 5)
    for component, finished in zip(lots, lots[1:] + lots[:1]):   # a ring
        link(cr, component, finished)
    nodes = trace_sql.walk(cr, [lots[0]], 'downstream', max_depth=1000)
    assert levels(nodes) == {lot: (index, False) for index, lot in enumerate(lots)}


def test_walk_reports_the_depth_limit(cr):
    lots = make_lots(cr, 4)
    for component, finished in zip(lots, lots[1:]):
        link(cr, component, finished)
    nodes = levels(trace_sql.walk(cr, [lots[0]], 'downstream', max_depth=2))
    assert nodes == {lots[0]: (0, False), lots[1]: (1, False), lots[2]: (2, True)}
    nodes = levels(trace_sql.walk(cr, [lots[0]], 'downstream', max_depth=3))
    assert nodes[lots[3]] == (3, False)


def test_walk_stays_in_the_given_companies(cr):
    # a second company: a copy of the first one under another name
    cr.execute("SELECT string_agg(quote_ident(column_name), ', ') FROM information_schema.columns"
               " WHERE table_name = 'res_company' AND column_name NOT IN ('id', 'name')")
    columns = cr.fetchone()[0]
    cr.execute("INSERT INTO res_company (name, %s) SELECT 'SQL Co', %s FROM res_company"
               " ORDER BY id LIMIT 1 RETURNING id" % (columns, columns))
    other = cr.fetchone()[0]
    a, b = make_lots(cr, 2)
    (c,) = make_lots(cr, 1, company_id=other)
    link(cr, a, b)
    link(cr, a, c)
    cr.execute("SELECT company_id FROM stock_production_lot WHERE id = %s", (a,))
    mine = cr.fetchone()[0]
    assert set(levels(trace_sql.walk(cr, [a], 'downstream', company_ids=[mine]))) == {a, b}
    assert set(levels(trace_sql.walk(cr, [a], 'downstream'))) == {a, b, c}


def test_bad_arguments_are_refused(cr):
    with pytest.raises(ValueError):
        trace_sql.walk(cr, [1], 'sideways')
    with pytest.raises(ValueError):
        trace_sql.walk(cr, [1], 'downstream', max_depth=0)
    assert trace_sql.trace(cr, [], 'downstream') == []
