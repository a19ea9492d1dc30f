# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recall XLSX: 100k Shipping rows streamed with xlsxwriter (constant memory).

    .venv/bin/python -m bench.bench_recall_xlsx [rows]
    make bench ARGS='recall_xlsx [rows]'

Compares with the export Odoo 11 has natively (list view "Export" =
``web.controllers.main.ExcelExport``: xlwt, .xls, at most 65,535 rows) on the
same rows, and with xlsxwriter in its default (in-memory) mode. Target: 100k
rows in under 15 s."""
import datetime
import importlib.util
import io
import os
import sys
import time
import tracemalloc

# the writer is plain Python: load it by path, without loading the Odoo addon
_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                     'lot_traceability', 'tools', 'recall_xlsx.py')
_SPEC = importlib.util.spec_from_file_location('recall_xlsx', _PATH)
recall_xlsx = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(recall_xlsx)

TARGET_SECONDS = 15.0


def make_rows(count):
    start = datetime.datetime(2026, 1, 1)
    for i in range(count):
        yield {
            'lot_code': 'FG-2026-%06d' % i, 'product': 'Finished product %d' % (i % 500),
            'qty': float(i % 97 + 1), 'uom': 'Unit(s)', 'ship_from': 'WH/Stock',
            'ship_to': 'Customer %d, Street %d, City' % (i % 3000, i % 40),
            'date': (start + datetime.timedelta(minutes=i)).strftime('%Y-%m-%d %H:%M:%S'),
            'doc_type': 'Delivery order', 'doc_number': 'WH/OUT/%06d' % i,
            'tlc_source': 'My Company; Main Street 1, Springfield; Phone +1 555 0100',
            'tlc_reference': '0614141000005',
        }


def timed(func):
    """(wall seconds, result); the CPU seconds of the last call are kept in CPU[0]."""
    began, cpu = time.perf_counter(), time.process_time()
    result = func()
    CPU[0] = time.process_time() - cpu
    return time.perf_counter() - began, result


CPU = [0.0]


def peak_mb(func):
    tracemalloc.start()
    func()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def ours(count):
    stream = io.BytesIO()
    counts = recall_xlsx.write_recall_workbook(
        stream, [('Recall', 'BENCH')], {'Shipping': make_rows(count)})
    return counts['Shipping'], len(stream.getvalue())


def xlsxwriter_in_memory(count):
    import xlsxwriter
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {'in_memory': True})
    sheet = book.add_worksheet('Shipping')
    columns = [c[0] for c in recall_xlsx.KDE_COLUMNS['Shipping']]
    date_format = book.add_format({'num_format': 'yyyy-mm-dd hh:mm'})
    for r, row in enumerate(make_rows(count), 1):
        for c, key in enumerate(columns):
            if key == 'date':
                sheet.write_datetime(r, c, recall_xlsx.as_datetime(row[key]), date_format)
            elif key == 'qty':
                sheet.write_number(r, c, row[key])
            else:
                sheet.write_string(r, c, row[key])
    book.close()
    return count, len(stream.getvalue())


def odoo_native_xls(count):
    """What Odoo 11's list-view export does (xlwt workbook, one row per record)."""
    from harness import compat  # noqa: F401  isort:skip (Odoo 11 on Python 3.11)
    from odoo.addons.web.controllers.main import ExcelExport
    columns = [c[1] for c in recall_xlsx.KDE_COLUMNS['Shipping']]
    keys = [c[0] for c in recall_xlsx.KDE_COLUMNS['Shipping']]
    data = [[row[k] for k in keys] for row in make_rows(count)]
    body = ExcelExport().from_data(columns, data)
    return count, len(body)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    count = int(argv[0]) if argv else 100000
    native_count = min(count, 65535 - 1)
    print('Recall XLSX benchmark: %d rows on the Shipping sheet, %d KDE columns'
          % (count, len(recall_xlsx.KDE_COLUMNS['Shipping'])))
    t_ours, (rows, size) = timed(lambda: ours(count))
    cpu_ours = CPU[0]
    print('  lot_traceability recall_xlsx (constant memory): %6.2f s (CPU %.2f s)  %d rows  '
          '%.1f MB file' % (t_ours, cpu_ours, rows, size / 1e6))
    t_mem, _ = timed(lambda: xlsxwriter_in_memory(count))
    print('  xlsxwriter default mode (cells kept in memory): %6.2f s (CPU %.2f s)'
          % (t_mem, CPU[0]))
    try:
        t_nat, _ = timed(lambda: odoo_native_xls(native_count))
    except ImportError as exc:
        t_nat = None
        print('  Odoo native export (xlwt) not available: %s' % exc)
    else:
        print('  Odoo 11 native list export (xlwt .xls, at most %d rows): %6.2f s (CPU %.2f s)'
              % (native_count, t_nat, CPU[0]))
    sample = min(count, 20000)
    mem_ours = peak_mb(lambda: ours(sample))
    mem_default = peak_mb(lambda: xlsxwriter_in_memory(sample))
    print('  peak Python memory for %d rows: ours %.1f MB, default xlsxwriter %.1f MB'
          % (sample, mem_ours, mem_default))
    print('ratios:')
    print('  memory: default xlsxwriter / ours = %.1fx' % (mem_default / max(mem_ours, 0.001)))
    print('  time: default xlsxwriter / ours = %.2fx' % (t_mem / t_ours))
    if t_nat:
        print('  rows per second: ours / Odoo native xls export = %.2fx'
              % ((count / t_ours) / (native_count / t_nat)))
    verdict = 'OK' if t_ours < TARGET_SECONDS else 'TOO SLOW'
    print('target: %d rows in < %.0f s: %.2f s wall, %.2f s CPU: %s (load average %.1f)'
          % (count, TARGET_SECONDS, t_ours, cpu_ours, verdict, os.getloadavg()[0]))
    return 0 if t_ours < TARGET_SECONDS else 1


if __name__ == '__main__':
    sys.exit(main())
