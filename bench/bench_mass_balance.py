# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mass balance of many lots, and what reconciliation adds to a recall.

    python -m bench.bench_mass_balance [quick|full] [--db NAME] [--lots N]
                                       [--recalls N] [--template DB]
    make bench ARGS='mass_balance quick'

On the benchmark database (``bench.generate``; made when missing, cloned from
--template or the test template):

* mass balance of N lots (default 1,000, a random sample of every level):
  ours, ``lots.mass_balance()`` (one SQL aggregation; cold, then best of 3),
  against the native way to the same figures: the done move lines and quants
  read through the ORM (``search`` + field access, units converted with
  ``_compute_quantity``) and summed in Python with the same rules.  Both
  results are compared figure by figure.  Target: < 2 s for 1,000 lots.
* recall reconciliation: for raw-material lots (downstream recall of about
  a hundred lots), the time of ``recall.action_compute()`` without and with
  its reconciliation step, and the reconciliation alone against the trace
  alone.  Target: reconciliation adds < 20 % to the trace time.

Everything runs in one transaction that is rolled back.
"""
import argparse
import random
import statistics
import subprocess
import sys
import time

from bench import generate as bench_generate
from harness import db as harness_db, pg

IN_BUCKETS = ('received', 'produced', 'returned', 'adjusted_in')
OUT_BUCKETS = ('consumed', 'delivered', 'returned_to_vendor', 'scrapped', 'adjusted_out')


def timed(func):
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def native_mass_balance(env, lots):
    """The same figures the ORM way: read every done move line and quant."""
    lines = env['stock.move.line'].search([('lot_id', 'in', lots.ids), ('state', '=', 'done')])
    result = {lot.id: dict({b: 0.0 for b in IN_BUCKETS + OUT_BUCKETS}, on_hand=0.0)
              for lot in lots}
    for line in lines:
        src, dest, move = line.location_id, line.location_dest_id, line.move_id
        if src.usage == dest.usage and bool(src.scrap_location) == bool(dest.scrap_location):
            continue
        qty = line.product_uom_id._compute_quantity(line.qty_done, line.product_id.uom_id,
                                                    round=False)
        figures = result[line.lot_id.id]
        if src.scrap_location:
            figures['scrapped'] -= qty
        elif src.usage == 'supplier':
            figures['received'] += qty
        elif src.usage == 'customer':
            figures['returned'] += qty
        elif src.usage == 'inventory':
            figures['adjusted_in'] += qty
        elif src.usage == 'production':
            if move.unbuild_id:
                figures['consumed'] -= qty
            else:
                figures['produced'] += qty
        if dest.scrap_location:
            figures['scrapped'] += qty
        elif dest.usage == 'customer':
            figures['delivered'] += qty
        elif dest.usage == 'supplier':
            figures['returned_to_vendor'] += qty
        elif dest.usage == 'inventory':
            figures['adjusted_out'] += qty
        elif dest.usage == 'production':
            if move.consume_unbuild_id:
                figures['produced'] -= qty
            else:
                figures['consumed'] += qty
    for quant in env['stock.quant'].search([('lot_id', 'in', lots.ids),
                                            ('location_id.usage', '=', 'internal')]):
        result[quant.lot_id.id]['on_hand'] += quant.quantity
    for figures in result.values():
        figures['unexplained'] = (sum(figures[b] for b in IN_BUCKETS)
                                  - sum(figures[b] for b in OUT_BUCKETS) - figures['on_hand'])
    return result


def same_figures(ours, native):
    keys = IN_BUCKETS + OUT_BUCKETS + ('on_hand', 'unexplained')
    mismatches = []
    for balance in ours:
        other = native[balance['lot_id']]
        for key in keys:
            if abs(balance[key] - other[key]) > 0.001:
                mismatches.append((balance['lot_id'], key, balance[key], other[key]))
    return mismatches


def bench_mass_balance(env, count, seed):
    Lot = env['stock.production.lot']
    env.cr.execute("SELECT id FROM stock_production_lot WHERE name LIKE 'BL%%'")
    ids = [row[0] for row in env.cr.fetchall()]
    lots = Lot.browse(sorted(random.Random(seed).sample(ids, min(count, len(ids)))))
    env.cr.execute('SELECT count(*) FROM stock_move_line WHERE lot_id = ANY(%s)', (lots.ids,))
    line_count = env.cr.fetchone()[0]
    env.clear()
    cold, ours = timed(lots.mass_balance)
    warm = min(timed(lots.mass_balance)[0] for _ in range(3))
    env.clear()
    native_seconds, native = timed(lambda: native_mass_balance(env, lots))
    mismatches = same_figures(ours, native)
    unexplained = sum(1 for b in ours if b['unexplained'])
    print('mass balance of %d lots (%d move lines): ours %.3f s cold, %.3f s best of 3; '
          'native (ORM) %.2f s; ratio %.0fx; same figures: %s; lots with unexplained: %d' % (
              len(lots), line_count, cold, warm, native_seconds, native_seconds / warm,
              'yes' if not mismatches else 'NO %s' % mismatches[:5], unexplained))
    return {'lots': len(lots), 'cold': cold, 'warm': warm, 'native': native_seconds,
            'same': not mismatches}


def bench_recall(env, count, seed):
    Lot = env['stock.production.lot']
    Recall = env['lot.recall']
    lots = Lot.search([('name', '=like', 'BL5-%')])
    rnd = random.Random(seed)
    results = []
    print('%-12s %6s %5s %10s %10s %10s %10s %9s %9s' % (
        'lot', 'lines', 'lots', 'trace', 'reconcile', 'rec/trace', 'compute', 'rec/comp',
        'native rec'))
    for lot in lots.browse(sorted(rnd.sample(lots.ids, min(count, len(lots))))):
        recall = Recall.create({'reason': 'bench', 'lot_ids': [(6, 0, lot.ids)],
                                'direction': 'downstream'})
        env.clear()
        trace_seconds, _rows = timed(lot.trace_downstream)
        started = time.perf_counter()
        recall.action_compute()
        compute = time.perf_counter() - started
        env.clear()
        reconcile = min(timed(recall._reconcile)[0] for _ in range(3))
        affected = recall.balance_ids.mapped('lot_id')
        env.clear()
        native_seconds, _native = timed(lambda: native_mass_balance(env, affected))
        # action_compute includes one reconciliation: the trace part is the rest
        trace_part = compute - reconcile
        print('%-12s %6d %5d %9.3fs %9.3fs %9.0f%% %9.3fs %8.0f%% %8.2fs' % (
            lot.name, recall.line_count, len(affected), trace_seconds, reconcile,
            100.0 * reconcile / trace_seconds, compute, 100.0 * reconcile / trace_part,
            native_seconds))
        sys.stdout.flush()
        results.append({'trace': trace_seconds, 'reconcile': reconcile, 'compute': compute,
                        'trace_part': trace_part, 'native': native_seconds,
                        'reconciled': recall.reconciled})
    if results:
        print('median reconciliation overhead: %.0f%% of the trace engine, %.0f%% of the '
              'rest of "Trace affected lots"; reconciled to 100 %%: %d of %d recalls' % (
                  statistics.median(100.0 * r['reconcile'] / r['trace'] for r in results),
                  statistics.median(100.0 * r['reconcile'] / r['trace_part'] for r in results),
                  sum(1 for r in results if r['reconciled']), len(results)))
    return results


def run(scale='quick', dbname=None, lots=1000, recalls=3, template=None, seed=11):
    from bench.odoo_env import environment
    dbname = dbname or 'lot_bench_%s' % scale
    pg.start()
    if not harness_db.exists(dbname):
        print('Generating %s (%s scale)...' % (dbname, scale))
        cmd = [sys.executable, '-m', 'bench.generate', scale, '--db', dbname]
        if template:
            cmd += ['--template', template]
        subprocess.run(cmd, check=True)
    with environment(dbname, commit=False) as env:
        env.cr.execute('SELECT count(*) FROM stock_move_line')
        print('Database %s: %d move lines' % (dbname, env.cr.fetchone()[0]))
        balance = bench_mass_balance(env, lots, seed)
        recall = bench_recall(env, recalls, seed)
    return balance, recall


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('scale', nargs='?', default='quick', choices=sorted(bench_generate.SCALES))
    parser.add_argument('--db')
    parser.add_argument('--lots', type=int, default=1000)
    parser.add_argument('--recalls', type=int, default=3)
    parser.add_argument('--template', help='database to clone when generating')
    args = parser.parse_args(argv)
    balance, _recall = run(args.scale, args.db, args.lots, args.recalls, args.template)
    return 0 if balance['same'] else 1


if __name__ == '__main__':
    sys.exit(main())
