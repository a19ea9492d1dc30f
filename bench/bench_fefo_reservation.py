# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reservation time with the addon's rules vs Odoo's native FEFO.

A lot-tracked product with 5,000 lots in WH/Stock (10 units each, end of
life spread over two years; 10% already expired, 1% quarantined). A
delivery of 200 units is reserved again and again:

* native: ``product_expiry``'s ``fefo`` removal strategy set on the
  category, Odoo's removal order (``lot_native_reservation``) and stock's
  own ``_action_assign`` called past the addon's (which no context switches
  off: blocked lots are filtered whatever the context);
* ours:   no strategy on the category (FEFO by default), expired and
  quarantined lots filtered out.

Run from the repository root: ``.venv/bin/python -m bench.bench_fefo_reservation``
(uses its own clone of the test template database, dropped afterwards;
with ``LOT_TEST_REUSE=1`` a clone of the current test database instead).
"""
import statistics
import sys
import time

from harness import compat  # noqa: F401  isort:skip (before odoo)
from harness import db as harness_db, pg, settings

LOTS = 5000
QTY_PER_LOT = 10.0
DEMAND = 200.0
ROUNDS = 7
BENCH_DB = settings.TEST_DB + '_bench_fefo'


def make_stock(env):
    """5,000 lots and their quants, written with SQL (seconds, not minutes)."""
    cr = env.cr
    category = env['product.category'].create({'name': 'Bench FEFO'})
    product = env['product.product'].create({
        'name': 'Bench yoghurt', 'type': 'product', 'tracking': 'lot',
        'categ_id': category.id})
    stock = env.ref('stock.warehouse0').lot_stock_id
    company = env.user.company_id.id
    cr.execute("""
        INSERT INTO stock_production_lot
            (name, product_id, product_uom_id, company_id, life_date, removal_date,
             quarantined, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH-' || lpad(n::text, 5, '0'), %(product)s, %(uom)s, %(company)s,
               now() at time zone 'utc' + ((n * 7919) %% 730 - 73) * interval '1 day',
               now() at time zone 'utc' + ((n * 7919) %% 730 - 80) * interval '1 day',
               n %% 100 = 0, 1, 1, now(), now()
        FROM generate_series(1, %(lots)s) AS n""",
               {'product': product.id, 'uom': product.uom_id.id, 'company': company,
                'lots': LOTS})
    cr.execute("""
        INSERT INTO stock_quant
            (product_id, location_id, lot_id, quantity, reserved_quantity, in_date,
             company_id, removal_date, fefo_date, create_uid, write_uid, create_date, write_date)
        SELECT %(product)s, %(location)s, l.id, %(qty)s, 0,
               now() at time zone 'utc' - (l.id %% 97) * interval '1 hour',
               %(company)s, l.removal_date, l.removal_date, 1, 1, now(), now()
        FROM stock_production_lot l WHERE l.product_id = %(product)s""",
               {'product': product.id, 'location': stock.id, 'qty': QTY_PER_LOT,
                'company': company})
    env.clear()
    return product, category, stock


def reserve_once(env, product, stock, context):
    warehouse = env.ref('stock.warehouse0')
    customer = env.ref('base.res_partner_2')
    picking = env['stock.picking'].create({
        'picking_type_id': warehouse.out_type_id.id,
        'partner_id': customer.id,
        'location_id': stock.id,
        'location_dest_id': env.ref('stock.stock_location_customers').id,
        'move_lines': [(0, 0, {
            'name': product.name, 'product_id': product.id, 'product_uom_qty': DEMAND,
            'product_uom': product.uom_id.id, 'location_id': stock.id,
            'location_dest_id': env.ref('stock.stock_location_customers').id})],
    })
    picking.action_confirm()
    env.clear()
    moves = picking.move_lines.with_context(**context)
    start = time.perf_counter()
    if context.get('lot_native_reservation'):
        from odoo.addons.lot_traceability.models.stock_move import StockMove
        from odoo.addons.lot_traceability.models.stock_move_line import StockMoveLine

        # native reserves expired and quarantined lots, which the addon's
        # move line refuses on create: switched off here, in this process only,
        # for the native measurement (no context key can do it)
        check = StockMoveLine._lot_check_usable
        StockMoveLine._lot_check_usable = lambda self: None
        try:
            super(StockMove, moves)._action_assign()
        finally:
            StockMoveLine._lot_check_usable = check
    else:
        moves._action_assign()
    elapsed = time.perf_counter() - start
    lots = picking.move_line_ids.mapped('lot_id')
    return elapsed, lots


def run(env):
    product, category, stock = make_stock(env)
    fefo = env.ref('product_expiry.removal_fefo')
    timings = {'native': [], 'ours': []}
    lots_seen = {}
    for round_ in range(ROUNDS):
        for mode in ('native', 'ours') if round_ % 2 else ('ours', 'native'):
            env.cr.execute('SAVEPOINT bench_round')
            if mode == 'native':
                category.removal_strategy_id = fefo
                context = {'lot_native_reservation': True}
            else:
                category.removal_strategy_id = False
                context = {}
            elapsed, lots = reserve_once(env, product, stock, context)
            timings[mode].append(elapsed)
            lots_seen[mode] = [(lot.name, lot.quarantined, lot.is_expired) for lot in lots]
            env.cr.execute('ROLLBACK TO SAVEPOINT bench_round')
            env.clear()
    # the first round warms caches: leave it out
    native = statistics.median(timings['native'][1:])
    ours = statistics.median(timings['ours'][1:])
    bad = [name for name, quarantined, expired in lots_seen['ours'] if quarantined or expired]
    native_bad = [name for name, quarantined, expired in lots_seen['native']
                  if quarantined or expired]
    print('FEFO reservation, %d lots in stock, %d units reserved (%d lots), median of %d rounds'
          % (LOTS, DEMAND, len(lots_seen['ours']), ROUNDS - 1))
    print('  native FEFO (product_expiry):  %.3f s  (expired/quarantined lots reserved: %d)'
          % (native, len(native_bad)))
    print('  lot_traceability rules:        %.3f s  (expired/quarantined lots reserved: %d)'
          % (ours, len(bad)))
    print('  ratio ours / native: %.2fx (goal <= 1.5x)' % (ours / native))
    return ours / native


def main():
    import os

    import odoo
    pg.start()
    if os.environ.get('LOT_TEST_REUSE') and harness_db.is_complete(settings.TEST_DB):
        template = settings.TEST_DB    # developer loop: the already upgraded test database
    else:
        template = harness_db.template()
    harness_db.clone(template, BENCH_DB)
    conf = settings.write_odoo_conf()
    odoo.tools.config.parse_config(['-c', conf, '--log-level=warn'])
    try:
        registry = odoo.registry(BENCH_DB)
        with odoo.api.Environment.manage(), registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            ratio = run(env)
            cr.rollback()
    finally:
        odoo.sql_db.close_db(BENCH_DB)
        harness_db.drop(BENCH_DB)
    return 0 if ratio <= 1.5 else 1


if __name__ == '__main__':
    sys.exit(main())
