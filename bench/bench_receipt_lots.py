# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Validating a 500-line receipt: automatic lot numbers vs the same receipt
with lot names filled in by hand beforehand (Odoo's native path), in the
same database. Prints both times and their ratio (goal: at most 1.3x).

    python -m bench.bench_receipt_lots [--lines 500] [--rounds 3]
"""
import argparse
import time

import odoo

from harness import db as harness_db, settings

BENCH_DB = settings.TEST_DB + '_bench_receipt'


def open_registry():
    settings.write_odoo_conf()
    odoo.tools.config.parse_config(['-c', settings.ODOO_CONF, '--log-level=warn'])
    harness_db.clone(harness_db.template(), BENCH_DB)
    return odoo.registry(BENCH_DB)


def make_receipt(env, product, lines, lot_prefix=None):
    """A receipt of LINES purchase-order lines of PRODUCT (one stock move
    each), every quantity done; with LOT_PREFIX, lot names typed in."""
    env.ref('stock.picking_type_in').use_create_lots = True
    order = env['purchase.order'].create({
        'partner_id': env.ref('base.res_partner_1').id,
        'order_line': [(0, 0, {
            'product_id': product.id, 'name': product.name, 'product_qty': 10 + i % 7,
            'product_uom': product.uom_po_id.id, 'price_unit': 1.0,
            'date_planned': '2026-01-01 00:00:00'}) for i in range(lines)],
    })
    order.button_confirm()
    picking = order.picking_ids
    for index, line in enumerate(picking.move_line_ids):
        vals = {'qty_done': line.product_uom_qty}
        if lot_prefix:
            vals['lot_name'] = '%s-%05d' % (lot_prefix, index)
        line.write(vals)
    return picking


def timed_validation(registry, lines, prefilled, round_no):
    """Seconds to validate one receipt; the transaction is rolled back."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        product = env['product.product'].create({
            'name': 'Bench flour', 'type': 'product', 'tracking': 'lot'})
        picking = make_receipt(env, product, lines,
                               lot_prefix='HAND%d' % round_no if prefilled else None)
        env["stock.picking"].invalidate_cache()
        started = time.perf_counter()
        picking.button_validate()
        seconds = time.perf_counter() - started
        lots = picking.move_line_ids.mapped('lot_id')
        assert picking.state == 'done' and len(lots) == lines, (picking.state, len(lots))
        cr.rollback()
    return seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--lines', type=int, default=500)
    parser.add_argument('--rounds', type=int, default=3)
    args = parser.parse_args(argv if argv is not None else [])
    registry = open_registry()
    try:
        with odoo.api.Environment.manage():
            run(registry, args)
    finally:
        odoo.sql_db.close_all()
        harness_db.drop(BENCH_DB)


def run(registry, args):
    """Print native vs automatic times; the best round of each counts."""
    auto, native = [], []
    timed_validation(registry, 20, True, 0)   # warm caches
    for round_no in range(1, args.rounds + 1):
        native.append(timed_validation(registry, args.lines, True, round_no))
        auto.append(timed_validation(registry, args.lines, False, round_no))
        print('round %d: native (lots typed) %.2f s, automatic lots %.2f s'
              % (round_no, native[-1], auto[-1]))
    best_native, best_auto = min(native), min(auto)
    ratio = best_auto / best_native
    print('%d-line receipt: native %.2f s, automatic %.2f s, ratio %.2fx (goal <= 1.30x) %s'
          % (args.lines, best_native, best_auto, ratio, 'OK' if ratio <= 1.3 else 'ABOVE GOAL'))


if __name__ == '__main__':
    import sys
    main(sys.argv[1:])
