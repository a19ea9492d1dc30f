# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scanners through nginx on the two-node cluster, healthy and with a node killed.

    python -m bench.bench_cluster [--duration 60] [--kill-after 20] [--sessions 8]
                                  [--workers 2] [--no-baseline]

Uses the database and scan codes of ``bench_scan_load`` (4 reserved
deliveries of 20 lot lines). Runs SESSIONS scanners (``harness.cluster.Scanner``:
a fresh ``scan_id`` per scan, a scan without a usable answer repeated with the
same id) through nginx over two ``--workers N`` nodes for DURATION seconds;
then the same with node 2 SIGKILLed (its process group) after KILL_AFTER
seconds; then, as the baseline, one node with 2 × N workers without nginx
(``bench_scan_load``, printed in the same columns). Prints scans/s,
p50/p95/max per scan including its retries, scans retried, non-200 answers
seen, lost and doubled (accepted scans vs the increase of ``qty_done``), and
after the kill the failover time (seconds from the kill to the first scan
served after it).
"""
import argparse
import os
import statistics
import sys
import threading
import time

from harness import pg, settings
from harness.cluster import Cluster, Scanner

from . import bench_scan_load as load


def run_cluster(args, docs, kill_after=None):
    state = os.path.join(settings.STATE, 'bench-cluster')
    base = args.port
    cluster = Cluster(args.db, base, [(base + 10, base + 11), (base + 20, base + 21)], state,
                      workers=args.workers, log_level='warn')
    cluster.start()
    ids = [picking_id for picking_id, _codes in docs]
    outcomes = []
    lock = threading.Lock()
    killed = {}
    try:
        before = load.qty_done_total(args.db, ids)
        scanners = [Scanner(cluster.url, args.db, load.SCANNER_LOGIN, load.SCANNER_LOGIN)
                    for _index in range(args.sessions)]
        stop_at = time.time() + args.duration

        def work(index):
            import random
            rng = random.Random(index)
            picking_id, codes = docs[(index // 2) % len(docs)]
            while time.time() < stop_at:
                started = time.time()
                outcome = scanners[index].scan('stock.picking', picking_id, rng.choice(codes))
                with lock:
                    outcomes.append((started, outcome))

        threads = [threading.Thread(target=work, args=(index,))
                   for index in range(args.sessions)]
        for thread in threads:
            thread.start()
        if kill_after is not None:
            time.sleep(kill_after)
            killed['at'] = time.time()
            cluster.nodes[1].kill()
        for thread in threads:
            thread.join(args.duration + 120)
        increase = load.qty_done_total(args.db, ids) - before
    finally:
        cluster.stop()
    latencies = [o.seconds * 1000.0 for _started, o in outcomes]
    accepted = sum(1 for _s, o in outcomes if o.answer and o.answer['code'] == 'matched')
    result = {
        'mode': 'cluster' + (' kill@%gs' % kill_after if kill_after is not None else ''),
        'scans': len(outcomes), 'rate': len(outcomes) / float(args.duration),
        'p50': statistics.median(latencies) if latencies else 0.0,
        'p95': load.percentile(latencies, 0.95) if latencies else 0.0,
        'max': max(latencies) if latencies else 0.0,
        'retried': sum(1 for _s, o in outcomes if o.tries > 1),
        'non_200': sum(1 for _s, o in outcomes for s in o.statuses if s != 200),
        'unanswered': sum(1 for _s, o in outcomes if o.answer is None),
        'lost': max(0, accepted - increase), 'doubled': max(0, increase - accepted),
        'failover': None,
    }
    if killed:
        served = [started + o.seconds for started, o in outcomes
                  if o.answer and started + o.seconds > killed['at']]
        result['failover'] = (min(served) - killed['at']) if served else None
    return result


def report(result):
    print('  %-16s %6d scans %6.1f scans/s  p50 %6.0f ms  p95 %6.0f ms  max %6.0f ms  '
          'retried %d  non-200 %d  unanswered %d  lost %g  doubled %g%s' % (
              result['mode'], result['scans'], result['rate'], result['p50'], result['p95'],
              result['max'], result['retried'], result['non_200'], result['unanswered'],
              result['lost'], result['doubled'],
              '  failover %.1f s' % result['failover'] if result['failover'] is not None
              else ''), flush=True)
    return not (result['lost'] or result['doubled'] or result['unanswered'])


def baseline(single):
    """The row of bench_scan_load's single node (no proxy, no repeats: a scan
    without an answer is counted unanswered) in the columns of the cluster."""
    increase, accepted = single['increase'], single['accepted']
    return {
        'mode': 'single %s' % single['mode'].replace(' scan_id', ''),
        'scans': single['scans'], 'rate': single['rate'], 'p50': single['p50'],
        'p95': single['p95'], 'max': single['max'], 'retried': 0,
        'non_200': single['non_200'], 'unanswered': single['non_200'] + single['rpc_errors'],
        'lost': max(0, accepted - increase), 'doubled': max(0, increase - accepted),
        'failover': None,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--duration', type=float, default=60.0)
    parser.add_argument('--kill-after', type=float, default=20.0)
    parser.add_argument('--sessions', type=int, default=8)
    parser.add_argument('--workers', type=int, default=2, help='HTTP workers per node')
    parser.add_argument('--port', type=int, default=settings.HTTP_PORT + 200)
    parser.add_argument('--no-baseline', action='store_true')
    parser.add_argument('--db', default=settings.TEST_DB + '_bench_load')
    args = parser.parse_args(argv)
    pg.start()
    docs = load.prepare(args.db, False)
    print('%d scanners through nginx, two nodes of %d workers, %g s, scan_id on every scan'
          % (args.sessions, args.workers, args.duration), flush=True)
    ok = report(run_cluster(args, docs))
    ok = report(run_cluster(args, docs, kill_after=args.kill_after)) and ok
    if not args.no_baseline:
        single = load.run_load(args.db, docs, args.port + 50, 2 * args.workers, args.sessions,
                               2, args.duration, 5.0, load.SCANNER_LOGIN, scan_ids=True)
        ok = report(baseline(single)) and ok
    print('  goal: nothing lost, doubled or unanswered: %s' % ('met' if ok else 'NOT met'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
