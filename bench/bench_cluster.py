# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scanners through nginx on the two-node cluster, healthy and with a node killed.

    python -m bench.bench_cluster [--duration 60] [--warmup 5] [--kill-after 20]
                                  [--sessions 8] [--workers 2] [--rounds 1]
                                  [--modes cluster,single] [--no-kill] [--fresh]

Uses the database and scan codes of ``bench_scan_load`` (4 reserved
deliveries of 20 lot lines). Every mode runs SESSIONS scanners
(``harness.cluster.Scanner``: a fresh ``scan_id`` per scan, a scan without a
usable answer repeated with the same id) for WARMUP + DURATION seconds and
counts the scans started after the warm-up (each worker loads its registry
on its first request):

* ``cluster``: through nginx (``harness/nginx.conf.in``) over two nodes of
  ``--workers N`` (the first with the cron worker);
* ``single``: the baseline, one node of 2 × N workers (with the cron worker),
  no proxy: the same number of workers on the same cores;
* ``cluster-rr``: the cluster with nginx's default round robin instead of
  ``least_conn`` (to compare the two);
* ``single-proxy``: the single node of 2 × N workers behind the same nginx
  (what the proxy hop itself costs).

The modes run in turn, ROUNDS times (A, B, A, B...: the machine's other load
falls on both), each row with the load average before it; then a summary per
mode (median of the rounds and their spread) and, unless ``--no-kill``, the
cluster with node 2 SIGKILLed (its process group) KILL_AFTER seconds after
the warm-up. Prints scans/s, p50/p95/max per scan including its retries,
scans retried, non-200 answers seen, lost and doubled (accepted scans vs the
increase of ``qty_done``), and after the kill the failover time (seconds
from the kill to the first scan served after it).
"""
import argparse
import os
import random
import statistics
import sys
import threading
import time

from harness import pg, settings
from harness.cluster import Cluster, Scanner, cluster_node, render_nginx_conf

from . import bench_scan_load as load

MODES = ('cluster', 'single', 'cluster-rr', 'single-proxy')


class RoundRobinCluster(Cluster):
    """The cluster with nginx's default balancing (round robin)."""

    def nginx_config(self):
        text = super(RoundRobinCluster, self).nginx_config()
        assert 'least_conn;' in text
        return text.replace('least_conn;', '')


class ProxiedSingleNode(Cluster):
    """One node of 2 x N workers behind the cluster's nginx configuration."""

    def __init__(self, dbname, port, node_ports, state, workers=2, log_level='warn'):
        super(ProxiedSingleNode, self).__init__(dbname, port, node_ports[:1], state,
                                                workers=workers, log_level=log_level)

    def nginx_config(self):
        # the same configuration, both upstream entries on the one node
        return render_nginx_conf(self.state, self.port, self.nodes * 2)


class SingleNode(object):
    """One node of 2 x N workers, served without a proxy (the baseline)."""

    def __init__(self, dbname, port, state, workers):
        self.node = cluster_node('single', dbname, port, port + 1, state, workers=workers,
                                 cron=True, log_level='warn')
        self.url = self.node.url

    def start(self):
        self.node.launch()
        try:
            self.node.wait_ready()
        except BaseException:
            self.node.stop()
            raise
        return self

    def stop(self):
        self.node.stop()


def make_server(args, mode):
    state = os.path.join(settings.STATE, 'bench-cluster')
    os.makedirs(os.path.join(state, 'tmp'), exist_ok=True)
    base = args.port
    if mode == 'single':
        return SingleNode(args.db, base + 30, state, 2 * args.workers)
    if mode == 'single-proxy':
        return ProxiedSingleNode(args.db, base, [(base + 40, base + 41)], state,
                                 workers=2 * args.workers)
    kind = RoundRobinCluster if mode == 'cluster-rr' else Cluster
    return kind(args.db, base, [(base + 10, base + 11), (base + 20, base + 21)], state,
                workers=args.workers, log_level='warn')


def run_mode(args, docs, mode, kill_after=None):
    load_before = os.getloadavg()
    server = make_server(args, mode).start()
    ids = [picking_id for picking_id, _codes in docs]
    outcomes = []
    lock = threading.Lock()
    killed = {}
    try:
        before = load.qty_done_total(args.db, ids)
        scanners = [Scanner(server.url, args.db, load.SCANNER_LOGIN, load.SCANNER_LOGIN)
                    for _index in range(args.sessions)]
        warm_until = time.time() + args.warmup
        stop_at = warm_until + args.duration

        def work(index):
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
            time.sleep(max(0.0, warm_until + kill_after - time.time()))
            killed['at'] = time.time()
            server.nodes[1].kill()
        for thread in threads:
            thread.join(args.warmup + args.duration + 120)
        increase = load.qty_done_total(args.db, ids) - before
    finally:
        server.stop()
    # lost/doubled over every scan; times over the scans after the warm-up
    accepted = sum(1 for _s, o in outcomes if o.answer and o.answer['code'] == 'matched')
    measured = [o for started, o in outcomes if started >= warm_until]
    latencies = [o.seconds * 1000.0 for o in measured]
    result = {
        'mode': mode + (' kill@%gs' % kill_after if kill_after is not None else ''),
        'load': load_before[0],
        'scans': len(measured), 'rate': len(measured) / float(args.duration),
        'p50': statistics.median(latencies) if latencies else 0.0,
        'p95': load.percentile(latencies, 0.95) if latencies else 0.0,
        'max': max(latencies) if latencies else 0.0,
        'retried': sum(1 for o in measured if o.tries > 1),
        'non_200': sum(1 for o in measured for s in o.statuses if s != 200),
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
    print('  %-16s load %4.1f %6d scans %6.1f scans/s  p50 %6.0f ms  p95 %6.0f ms  '
          'max %6.0f ms  retried %d  non-200 %d  unanswered %d  lost %g  doubled %g%s' % (
              result['mode'], result['load'], result['scans'], result['rate'], result['p50'],
              result['p95'],
              result['max'], result['retried'], result['non_200'], result['unanswered'],
              result['lost'], result['doubled'],
              '  failover %.1f s' % result['failover'] if result['failover'] is not None
              else ''), flush=True)
    return not (result['lost'] or result['doubled'] or result['unanswered'])


def summary(results):
    """Per mode: the median of the rounds and their spread (min-max)."""
    print('  median of %d round(s) [min-max]:' % max(len(rows) for rows in results.values()))
    for mode, rows in results.items():
        cells = []
        for key, unit in (('rate', ' scans/s'), ('p50', ' ms'), ('p95', ' ms'),
                          ('max', ' ms')):
            values = [row[key] for row in rows]
            fmt = '%.1f' if key == 'rate' else '%.0f'
            cells.append(('%s ' + fmt + ' [' + fmt + '-' + fmt + ']%s') % (
                key, statistics.median(values), min(values), max(values), unit))
        print('  %-16s %s' % (mode, '  '.join(cells)), flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--duration', type=float, default=60.0)
    parser.add_argument('--warmup', type=float, default=5.0,
                        help='seconds of scans left out of the times (default 5)')
    parser.add_argument('--kill-after', type=float, default=20.0)
    parser.add_argument('--sessions', type=int, default=8)
    parser.add_argument('--workers', type=int, default=2, help='HTTP workers per node')
    parser.add_argument('--rounds', type=int, default=1)
    parser.add_argument('--modes', default='cluster,single',
                        help='comma-separated, run in this order each round: %s'
                             % ', '.join(MODES))
    parser.add_argument('--no-kill', action='store_true')
    parser.add_argument('--fresh', action='store_true',
                        help='clone the bench database again from the test template')
    parser.add_argument('--port', type=int, default=settings.HTTP_PORT + 200)
    parser.add_argument('--db', default=settings.TEST_DB + '_bench_load')
    args = parser.parse_args(argv)
    modes = [mode.strip() for mode in args.modes.split(',') if mode.strip()]
    unknown = set(modes) - set(MODES)
    if unknown:
        parser.error('unknown mode(s): %s' % ', '.join(sorted(unknown)))
    pg.start()
    docs = load.prepare(args.db, args.fresh)
    print('%d scanners, scan_id on every scan, %g s (+ %g s warm-up) per run; cluster: nginx '
          'over two nodes of %d workers; single: one node of %d workers; %d CPU(s)'
          % (args.sessions, args.duration, args.warmup, args.workers, 2 * args.workers,
             os.cpu_count()), flush=True)
    ok = True
    results = {mode: [] for mode in modes}
    for _round in range(args.rounds):
        for mode in modes:
            result = run_mode(args, docs, mode)
            results[mode].append(result)
            ok = report(result) and ok
    if modes:
        summary(results)
    if not args.no_kill:
        ok = report(run_mode(args, docs, 'cluster', kill_after=args.kill_after)) and ok
    print('  goal: nothing lost, doubled or unanswered: %s' % ('met' if ok else 'NOT met'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
