# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Full trace of the same lots: Odoo's native report vs trace_downstream/upstream.

    python -m bench.bench_trace [quick|full] [--db NAME] [--lots N]
                                [--native-timeout SECONDS] [--regenerate]

On the benchmark database (made by ``bench.generate`` when missing), for N
raw-material lots (downstream: the recall) and N finished lots (upstream:
the root cause), runs

* ours: ``lot.trace_downstream()`` / ``trace_upstream()`` (first run on a
  cold ORM cache, then the best of 3);
* native: ``stock.traceability.report`` opened on the lot with every line
  unfolded (``bench.native.unfold_all``), capped at --native-timeout seconds:
  a capped run is reported as a lower bound (">").

checks that both reach the same lots and the same customers (downstream) or
vendors (upstream), and prints times, the ratio and memory: the peak of
Python allocations during the call (tracemalloc, separate run) and the
growth of the process's peak RSS.
"""
import argparse
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc

from bench import generate as bench_generate
from bench.native import NativeTimeout, native_trace, our_reach
from harness import db as harness_db, pg


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def timed(func):
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def measure_ours(env, lot, stream):
    method = getattr(lot, 'trace_' + stream)
    env.clear()
    rss_before = peak_rss_mb()
    cold, rows = timed(method)
    warm = min(timed(method)[0] for _ in range(3))
    rss_growth = peak_rss_mb() - rss_before
    env.clear()
    tracemalloc.start()
    method()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {'cold': cold, 'warm': warm, 'rows': rows, 'py_peak_mb': peak / 1048576.0,
            'rss_growth_mb': rss_growth}


def measure_native(env, lot, stream, timeout):
    env.clear()
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    try:
        result = native_trace(env, lot.id, stream, deadline=time.time() + timeout)
        result['complete'] = True
    except NativeTimeout as exc:
        result = {'complete': False, 'lines': exc.args[0]}
    result['seconds'] = time.perf_counter() - started
    result['rss_growth_mb'] = peak_rss_mb() - rss_before
    env.clear()
    return result


def pick_lots(env, prefix, count, seed):
    lots = env['stock.production.lot'].search([('name', '=like', prefix + '%')])
    rnd = random.Random(seed)
    return lots.browse(sorted(rnd.sample(lots.ids, min(count, len(lots)))))


def move_line_count(env):
    env.cr.execute('SELECT count(*) FROM stock_move_line')
    return env.cr.fetchone()[0]


def run(scale='quick', dbname=None, lots=3, native_timeout=600, regenerate=False, seed=7):
    from bench.odoo_env import environment
    dbname = dbname or 'lot_bench_%s' % scale
    pg.start()
    if regenerate or not harness_db.exists(dbname):
        # in a child process: the peak RSS measured below stays ours
        print('Generating %s (%s scale)...' % (dbname, scale))
        subprocess.run([sys.executable, '-m', 'bench.generate', scale, '--db', dbname],
                       check=True)
    results = []
    with environment(dbname, commit=False) as env:
        print('Database %s: %d move lines, %d genealogy edges' % (
            dbname, move_line_count(env), env['lot.genealogy.edge'].search_count([])))
        print('%-12s %-10s %6s %6s %9s %9s %11s %8s %8s %7s %s' % (
            'lot', 'stream', 'rows', 'lots', 'ours cold', 'ours best', 'native',
            'ratio', 'mem ours', 'native', 'same reach'))
        plan = [(lot, 'downstream') for lot in pick_lots(env, 'BL5-', lots, seed)]
        plan += [(lot, 'upstream') for lot in pick_lots(env, 'BL1-', lots, seed)]
        for lot, stream in plan:
            ours = measure_ours(env, lot, stream)
            native = measure_native(env, lot, stream, native_timeout)
            lots_ours, partners_ours = our_reach(ours['rows'], lot.id, stream)
            if native['complete']:
                same = (lots_ours, partners_ours) == (native['lots'], native['partners'])
                native_txt = '%10.2fs' % native['seconds']
                ratio_txt = '%7.0fx' % (native['seconds'] / ours['warm'])
                same_txt = 'yes' if same else 'NO (%d/%d lots, %d/%d partners)' % (
                    len(lots_ours), len(native['lots']), len(partners_ours),
                    len(native['partners']))
            else:
                same = None
                native_txt = '>%9.0fs' % native['seconds']
                ratio_txt = '>%6.0fx' % (native['seconds'] / ours['warm'])
                same_txt = 'n/a (native capped after %d lines)' % native['lines']
            print('%-12s %-10s %6d %6d %8.3fs %8.3fs %11s %8s %6.1fMB %5.0fMB %s' % (
                lot.name, stream, len(ours['rows']), len(lots_ours), ours['cold'],
                ours['warm'], native_txt, ratio_txt, ours['py_peak_mb'],
                native['rss_growth_mb'], same_txt))
            sys.stdout.flush()
            results.append({'lot': lot.name, 'stream': stream, 'ours': ours,
                            'native': native, 'same': same})
    done = [r for r in results if r['native']['complete']]
    if done:
        ratios = [r['native']['seconds'] / r['ours']['warm'] for r in done]
        print('median ratio (native / ours, complete native runs): %.0fx'
              % statistics.median(ratios))
    worst = max(r['ours']['cold'] for r in results)
    print('slowest trace of ours (cold): %.3f s; largest Python peak of ours: %.1f MB; '
          'largest peak-RSS growth of ours: %.1f MB' % (
              worst, max(r['ours']['py_peak_mb'] for r in results),
              max(r['ours']['rss_growth_mb'] for r in results)))
    mismatches = [r for r in results if r['same'] is False]
    if mismatches:
        print('REACH MISMATCH on: %s' % ', '.join('%s %s' % (r['lot'], r['stream'])
                                                  for r in mismatches))
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('scale', nargs='?', default='quick', choices=sorted(bench_generate.SCALES))
    parser.add_argument('--db')
    parser.add_argument('--lots', type=int, default=3, help='lots per direction (default 3)')
    parser.add_argument('--native-timeout', type=float, default=600,
                        help='cap of one native run, seconds (default 600)')
    parser.add_argument('--regenerate', action='store_true')
    args = parser.parse_args(argv)
    results = run(args.scale, args.db, args.lots, args.native_timeout, args.regenerate)
    return 1 if any(r['same'] is False for r in results) else 0


if __name__ == '__main__':
    sys.exit(main())
