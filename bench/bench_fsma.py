# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""FSMA 204 records request: workbook and EPCIS 2.0 document for one product over a year.

    python -m bench.bench_fsma [quick|full] [--db NAME] [--product CODE] [--regenerate]
    make bench ARGS='bench_fsma quick'

On the benchmark database (made by ``bench.generate`` when missing), picks the
product with the most done move lines (or --product), creates a
``lot.fsma.request`` for it over the year up to its last move and times

* ours: the FSMA workbook (``export_xlsx`` into a temporary file) and the
  EPCIS document (``export_epcis`` written to a temporary file, event hashes
  included), each the best of 2 runs;
* native: what Odoo 11 offers for the same question, the move lines of the
  product over the year exported from the list view (``export_data`` of the
  records + the xlwt .xls writer of ``web.controllers.main.ExcelExport``),
  which has neither location descriptions, lot code sources, transformations
  nor EPCIS.

Memory: peak of Python allocations (tracemalloc, separate run) for a quarter
and for the whole year: constant memory means both are about the same,
while the native export grows with the rows. Target: < 10 s each.
"""
import argparse
import subprocess
import sys
import tempfile
import time
import tracemalloc

from harness import db as harness_db, pg

TARGET_SECONDS = 10.0
NATIVE_FIELDS = ['lot_id/name', 'product_id/display_name', 'qty_done', 'product_uom_id/name',
                 'location_id/complete_name', 'location_dest_id/complete_name', 'date',
                 'reference', 'picking_id/partner_id/display_name']


def timed(func):
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def peak_mb(func):
    tracemalloc.start()
    func()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1048576.0


def pick_product(env, code=None):
    if code:
        return env['product.product'].search([('default_code', '=', code)], limit=1)
    env.cr.execute("""SELECT product_id FROM stock_move_line WHERE state = 'done'
                       GROUP BY product_id ORDER BY count(*) DESC LIMIT 1""")
    return env['product.product'].browse(env.cr.fetchone()[0])


def periods(env, product):
    """The year and the quarter that end with the product's last done move line."""
    import datetime
    env.cr.execute("SELECT max(date) FROM stock_move_line WHERE state = 'done' "
                   "AND product_id = %s", (product.id,))
    last = datetime.datetime.strptime(str(env.cr.fetchone()[0])[:10], "%Y-%m-%d").date()
    day = datetime.timedelta(days=1)
    return ((str(last - 364 * day), str(last)), (str(last - 90 * day), str(last)))


def ours_xlsx(request):
    with tempfile.TemporaryFile() as out:
        request._export_xlsx(out)
        return out.tell()


def ours_epcis(request):
    with tempfile.TemporaryFile(mode='w+', encoding='utf-8') as out:
        request._export_epcis(out.write)
        return out.tell()


def native_xls(env, product, dates):
    from odoo.addons.web.controllers.main import ExcelExport
    lines = env['stock.move.line'].search([
        ('product_id', '=', product.id), ('state', '=', 'done'),
        ('date', '>=', dates[0] + ' 00:00:00'), ('date', '<=', dates[1] + ' 23:59:59')])
    rows = lines.export_data(NATIVE_FIELDS)['datas'][:65535 - 1]   # xls row limit
    return len(lines), len(ExcelExport().from_data(NATIVE_FIELDS, rows))


def counts(env, request):
    reader = request._reader()
    return {kind: sum(1 for _ in reader.events(kind))
            for kind in ('receiving', 'transformation', 'shipping')}


def run(scale='quick', dbname=None, code=None, regenerate=False):
    import os

    from bench.odoo_env import environment
    dbname = dbname or 'lot_bench_%s' % scale
    pg.start()
    if regenerate or not harness_db.exists(dbname):
        print('Generating %s (%s scale)...' % (dbname, scale))
        subprocess.run([sys.executable, '-m', 'bench.generate', scale, '--db', dbname],
                       check=True)
    with environment(dbname, commit=False) as env:
        env.cr.execute("SELECT count(*) FROM stock_move_line")
        total = env.cr.fetchone()[0]
        product = pick_product(env, code)
        YEAR, QUARTER = periods(env, product)
        Request = env['lot.fsma.request']
        year = Request.create({'product_ids': [(6, 0, product.ids)], 'date_from': YEAR[0],
                               'date_to': YEAR[1], 'requested_by': 'bench'})
        quarter = Request.create({'product_ids': [(6, 0, product.ids)],
                                  'date_from': QUARTER[0], 'date_to': QUARTER[1]})
        events = counts(env, year)
        print('FSMA request benchmark on %s (%s scale): %d move lines in the database'
              % (dbname, scale, total))
        print('  product %s, %s to %s: %d receiving, %d transformation rows '
              '(input lots), %d shipping events'
              % (product.display_name, YEAR[0], YEAR[1], events['receiving'],
                 events['transformation'], events['shipping']))
        env.clear()
        t_xlsx, size_xlsx = min(timed(lambda: ours_xlsx(year)) for _ in range(2))
        t_epcis, size_epcis = min(timed(lambda: ours_epcis(year)) for _ in range(2))
        t_native, (native_rows, native_size) = timed(lambda: native_xls(env, product, YEAR))
        print('  ours FSMA workbook (xlsx, 3 event sheets + Glossary): %6.2f s  %.1f MB'
              % (t_xlsx, size_xlsx / 1e6))
        print('  ours EPCIS 2.0 JSON-LD (event hashes included):      %6.2f s  %.1f MB'
              % (t_epcis, size_epcis / 1e6))
        print('  native list export of the move lines (xls, %d rows):  %6.2f s  %.1f MB'
              % (native_rows, t_native, native_size / 1e6))
        memory = {}
        for label, request, dates in (('quarter', quarter, QUARTER), ('year', year, YEAR)):
            env.clear()
            memory[label] = (peak_mb(lambda: ours_xlsx(request)),
                             peak_mb(lambda: ours_epcis(request)),
                             peak_mb(lambda: native_xls(env, product, dates)))
            print('  peak Python memory, %-7s: workbook %5.1f MB, EPCIS %5.1f MB, '
                  'native export %6.1f MB' % ((label,) + memory[label]))
        print('ratios:')
        print('  time: native export / ours workbook = %.2fx (native has no KDEs, '
              'no transformations)' % (t_native / t_xlsx))
        print('  memory year / quarter: workbook %.2fx, EPCIS %.2fx, native %.2fx'
              % tuple(memory['year'][i] / max(memory['quarter'][i], 0.001) for i in range(3)))
        ok = t_xlsx < TARGET_SECONDS and t_epcis < TARGET_SECONDS
        print('target: workbook and EPCIS for a product over a year < %.0f s: %.2f s and '
              '%.2f s: %s (load average %.1f)' % (TARGET_SECONDS, t_xlsx, t_epcis,
                                                  'OK' if ok else 'TOO SLOW',
                                                  os.getloadavg()[0]))
        return 0 if ok else 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('scale', nargs='?', default='quick', choices=('quick', 'full'))
    parser.add_argument('--db')
    parser.add_argument('--product', help='default code of the product (default: the '
                                          'product with the most move lines)')
    parser.add_argument('--regenerate', action='store_true')
    args = parser.parse_args(argv)
    return run(args.scale, args.db, args.product, args.regenerate)


if __name__ == '__main__':
    sys.exit(main())
