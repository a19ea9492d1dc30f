# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scanner load over HTTP: a multi-process server vs the threaded one.

    python -m bench.bench_scan_load [--duration 60] [--workers 4] [--sessions 8]
                                    [--per-delivery 2] [--no-baseline] [--port 8171]
                                    [--as-admin] [--scan-id]

Builds (once) 4 reserved deliveries of 20 lot-tracked products each in its own
database cloned from the test template, starts a real Odoo server with
``--workers N`` (then, as the baseline, the threaded server) and lets SESSIONS
scanner sessions, PER_DELIVERY on each delivery, logged in as a plain stock
user (``load.scanner``, Inventory / User: the record rules apply as on a real
handheld; ``--as-admin`` logs in as the superuser instead), post GS1 scans to
``/lot_traceability/scan`` as fast as the answers come, for DURATION seconds
after a short warm-up (workers load their registry on their first request;
warm-up scans count in the totals, not in the latencies). Prints scans/s,
p50/p95/max latency, the number of non-200 answers and JSON-RPC errors, and
whether the accepted scans equal the increase of ``qty_done`` (nothing lost
or doubled). ``--scan-id`` sends a fresh uuid4 ``scan_id`` with every scan
(idempotent scans: one more row written per scan).

Targets (4 workers): zero non-200 answers, nothing lost or doubled,
p95 < 200 ms.
"""
import argparse
import http.client
import json
import random
import statistics
import sys
import threading
import time
import uuid

from harness import db as harness_db, pg, settings
from harness.server import OdooServer

P95_GOAL_MS = 200.0
DELIVERIES = 4
PRODUCTS = 20
ORIGIN = 'bench_scan_load'
SCANNER_LOGIN = 'load.scanner'   # password = login


def gtin(index):
    from odoo.addons.lot_traceability.tools import gs1
    body = '30%011d' % index
    return '0' + body + gs1.gtin_check_digit(body)


def build(env):
    """DELIVERIES reserved deliveries of PRODUCTS lot-tracked lines; their ids."""
    stock = env.ref('stock.stock_location_stock')
    customers = env.ref('stock.stock_location_customers')
    Product, Lot, Quant = env['product.product'], env['stock.production.lot'], env['stock.quant']
    ids = []
    for delivery in range(DELIVERIES):
        moves = []
        for index in range(PRODUCTS):
            number = delivery * 100 + index
            product = Product.create({'name': 'Load scan %03d' % number, 'type': 'product',
                                      'tracking': 'lot', 'barcode': gtin(number)[1:]})
            lot = Lot.create({'name': 'LOAD-%03d' % number, 'product_id': product.id})
            Quant._update_available_quantity(product, stock, 100000, lot_id=lot)
            moves.append((0, 0, {'name': product.name, 'product_id': product.id,
                                 'product_uom_qty': 100000, 'product_uom': product.uom_id.id,
                                 'location_id': stock.id, 'location_dest_id': customers.id}))
        picking = env['stock.picking'].create({
            'picking_type_id': env.ref('stock.picking_type_out').id, 'origin': ORIGIN,
            'location_id': stock.id, 'location_dest_id': customers.id, 'move_lines': moves})
        picking.action_confirm()
        picking.action_assign()
        ids.append(picking.id)
    return ids


def ensure_scanner(env):
    """The plain stock user the sessions log in as (created once)."""
    users = env['res.users'].with_context(active_test=False)
    if not users.search([('login', '=', SCANNER_LOGIN)]):
        users.create({'name': 'Load Scanner', 'login': SCANNER_LOGIN,
                      'password': SCANNER_LOGIN, 'groups_id': [(6, 0, [
                          env.ref('base.group_user').id,
                          env.ref('stock.group_stock_user').id])]})


def prepare(dbname, fresh, source=None):
    """The benchmark database and, per delivery, its id and scan codes."""
    if fresh or not harness_db.exists(dbname):
        harness_db.clone(source or harness_db.template(), dbname)
    from bench.odoo_env import environment
    with environment(dbname) as env:
        from odoo.addons.lot_traceability.tools import gs1
        ensure_scanner(env)
        pickings = env['stock.picking'].search(
            [('origin', '=', ORIGIN), ('state', '=', 'assigned')], order='id')
        if len(pickings) != DELIVERIES:
            started = time.perf_counter()
            pickings = env['stock.picking'].browse(build(env))
            env.cr.commit()
            print('built %d deliveries of %d reserved lot lines in %.1f s'
                  % (DELIVERIES, PRODUCTS, time.perf_counter() - started), flush=True)
        docs = []
        for picking in pickings:
            codes = [gs1.encode([('01', line.product_id.barcode.zfill(14)),
                                 ('10', line.lot_id.name)], prefix=']C1')
                     for line in picking.move_line_ids]
            docs.append((picking.id, codes))
    import odoo
    odoo.sql_db.close_db(dbname)
    return docs


def qty_done_total(dbname, picking_ids):
    conn = pg.connect(dbname)
    try:
        with conn.cursor() as cr:
            cr.execute('SELECT coalesce(sum(qty_done), 0) FROM stock_move_line '
                       'WHERE picking_id IN %s', (tuple(picking_ids),))
            return float(cr.fetchone()[0])
    finally:
        conn.close()


class Scanner(threading.Thread):
    """One handheld: scans lines of its delivery back to back."""

    def __init__(self, server, login, picking_id, codes, seed, start_at, warm_until, stop_at,
                 scan_ids=False):
        super(Scanner, self).__init__()
        self.server, self.login, self.picking_id, self.codes = server, login, picking_id, codes
        self.scan_ids = scan_ids
        self.rng = random.Random(seed)
        self.start_at, self.warm_until, self.stop_at = start_at, warm_until, stop_at
        self.latencies = []
        self.accepted = self.sent = self.non_200 = self.rpc_errors = 0
        self.refused = {}

    def run(self):
        # logged in with requests; the scans go through http.client, whose
        # few Python calls per request leave the shared 2 cores to the server
        # (a real handheld is a device of its own)
        session = self.server.session(self.login, self.login)   # password = login
        headers = {'Content-Type': 'application/json',
                   'Cookie': 'session_id=%s' % session.cookies['session_id']}
        while time.time() < self.start_at:
            time.sleep(0.01)
        while True:
            now = time.time()
            if now >= self.stop_at:
                break
            params = {'model': 'stock.picking', 'res_id': self.picking_id,
                      'barcode': self.rng.choice(self.codes)}
            if self.scan_ids:
                params['scan_id'] = str(uuid.uuid4())
            payload = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'id': 1,
                                  'params': params})
            started = time.perf_counter()
            connection = http.client.HTTPConnection('127.0.0.1', self.server.port, timeout=120)
            try:
                connection.request('POST', '/lot_traceability/scan', payload, headers)
                answer = connection.getresponse()
                data = answer.read()
            except (OSError, http.client.HTTPException):
                self.non_200 += 1
                continue
            finally:
                connection.close()
            elapsed = (time.perf_counter() - started) * 1000.0
            self.sent += 1
            if now >= self.warm_until:
                self.latencies.append(elapsed)
            if answer.status != 200:
                self.non_200 += 1
                continue
            body = json.loads(data.decode('utf-8'))
            if 'error' in body:
                self.rpc_errors += 1
                continue
            code = body['result']['code']
            if code == 'matched':
                self.accepted += 1
            else:
                self.refused[code] = self.refused.get(code, 0) + 1


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_load(dbname, docs, port, workers, sessions, per_delivery, duration, warmup, login,
             scan_ids=False):
    server = OdooServer(dbname, port, workers, longpolling_port=port + 1,
                        name='bench-scan-load-%d' % port, cron_threads=0)
    try:
        server.start(attempts=1, seconds=180)
    except RuntimeError as error:
        raise SystemExit(str(error))
    try:
        ids = [picking_id for picking_id, _codes in docs]
        before = qty_done_total(dbname, ids)
        start_at = time.time() + 3     # every session logged in first
        warm_until = start_at + warmup
        stop_at = warm_until + duration
        scanners = []
        for index in range(sessions):
            picking_id, codes = docs[(index // per_delivery) % len(docs)]
            scanners.append(Scanner(server, login, picking_id, codes, index, start_at, warm_until,
                                    stop_at, scan_ids))
        for scanner in scanners:
            scanner.start()
        for scanner in scanners:
            scanner.join(duration + warmup + 300)
        increase = qty_done_total(dbname, ids) - before
    finally:
        server.stop()
    latencies = [ms for scanner in scanners for ms in scanner.latencies]
    refused = {}
    for scanner in scanners:
        for code, count in scanner.refused.items():
            refused[code] = refused.get(code, 0) + count
    return {
        'mode': ('%d workers' % workers if workers else 'threaded') + (
            ' scan_id' if scan_ids else ''),
        'scans': len(latencies), 'rate': len(latencies) / float(duration),
        'p50': statistics.median(latencies) if latencies else 0.0,
        'p95': percentile(latencies, 0.95) if latencies else 0.0,
        'max': max(latencies) if latencies else 0.0,
        'non_200': sum(s.non_200 for s in scanners),
        'rpc_errors': sum(s.rpc_errors for s in scanners),
        'accepted': sum(s.accepted for s in scanners), 'increase': increase,
        'refused': refused,
    }


def report(result):
    same = abs(result['accepted'] - result['increase']) < 1e-6
    print('  %-10s %6d scans %6.1f scans/s  p50 %6.0f ms  p95 %6.0f ms  max %6.0f ms  '
          'non-200 %d  rpc errors %d  accepted %d = qty_done +%g: %s%s' % (
              result['mode'], result['scans'], result['rate'], result['p50'], result['p95'],
              result['max'], result['non_200'], result['rpc_errors'], result['accepted'],
              result['increase'], 'yes' if same else 'NO',
              ('  (refused: %s)' % result['refused']) if result['refused'] else ''),
          flush=True)
    return same


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--duration', type=float, default=60.0, help='seconds of timed load')
    parser.add_argument('--warmup', type=float, default=5.0)
    parser.add_argument('--workers', type=int, default=4)
    parser.add_argument('--sessions', type=int, default=8)
    parser.add_argument('--per-delivery', type=int, default=2)
    parser.add_argument('--port', type=int, default=settings.HTTP_PORT + 100)
    parser.add_argument('--as-admin', action='store_true',
                        help='log the sessions in as admin (the superuser: no record '
                             'rules) instead of a plain stock user')
    parser.add_argument('--no-baseline', action='store_true',
                        help='skip the threaded-server run')
    parser.add_argument('--scan-id', action='store_true',
                        help='send a fresh uuid4 scan_id with every scan')
    parser.add_argument('--db', default=settings.TEST_DB + '_bench_load')
    parser.add_argument('--fresh', action='store_true', help='rebuild the database')
    parser.add_argument('--source', help='database to clone (default: the test template, '
                                         'built when missing)')
    args = parser.parse_args(argv)

    pg.start()
    docs = prepare(args.db, args.fresh, args.source)
    login = 'admin' if args.as_admin else SCANNER_LOGIN
    print('%d scanner sessions (%s), %d per delivery, %g s (after %g s warm-up) on '
          '/lot_traceability/scan%s' % (args.sessions, login, args.per_delivery, args.duration,
                                        args.warmup, ' with a scan_id per scan'
                                        if args.scan_id else ''), flush=True)
    results = [run_load(args.db, docs, args.port, args.workers, args.sessions,
                        args.per_delivery, args.duration, args.warmup, login, args.scan_id)]
    ok = report(results[0])
    if not args.no_baseline:
        results.append(run_load(args.db, docs, args.port, 0, args.sessions,
                                args.per_delivery, args.duration, args.warmup, login,
                                args.scan_id))
        report(results[1])
    main_run = results[0]
    ok = ok and main_run['non_200'] == 0 and main_run['rpc_errors'] == 0
    print('  goal (%s): zero non-200, nothing lost or doubled: %s; p95 < %d ms: %s' % (
        main_run['mode'], 'met' if ok else 'NOT met', P95_GOAL_MS,
        'met' if main_run['p95'] < P95_GOAL_MS else 'NOT met'))
    return 0 if ok and main_run['p95'] < P95_GOAL_MS else 1


if __name__ == '__main__':
    sys.exit(main())
