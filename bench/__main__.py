# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmarks: ``python -m bench`` lists them, ``python -m bench NAME [args]`` runs one.

    make bench ARGS='trace quick'        # native report vs our trace, ~100k move lines
    make bench ARGS='trace full'         # the same at ~1,000,000 move lines
    make bench ARGS='mass_balance quick' # mass balance of 1,000 lots, recall reconciliation
    make bench ARGS='generate quick'     # only (re)build the synthetic database
    make bench ARGS='bench_receipt_lots' # any bench_*.py module of this folder by name
    make bench ARGS='bench_scan_load --duration 60'  # 8 scanners over HTTP, 4 workers
    make bench ARGS='bench_cluster'      # 8 scanners through nginx, 2 nodes, one killed
"""
import sys

BENCHMARKS = {
    'trace': ('bench.bench_trace', 'full up/down trace: native stock.traceability.report '
                                   'vs trace_downstream/trace_upstream'),
    'recall_xlsx': ('bench.bench_recall_xlsx', 'recall XLSX (FSMA-204) streamed, 100k rows '
                                               'vs xlsxwriter in memory and Odoo\'s xls export'),
    'mass_balance': ('bench.bench_mass_balance', 'mass balance of 1,000 lots and recall '
                                                 'reconciliation vs reading moves via the ORM'),
    'generate': ('bench.generate', 'build the synthetic database (quick ~100k / full ~1M '
                                   'move lines)'),
}


def modules():
    """The bench_*.py modules of this folder (each has a main())."""
    import os
    import pkgutil
    folder = os.path.dirname(os.path.abspath(__file__))
    return sorted(name for _finder, name, _pkg in pkgutil.iter_modules([folder])
                  if name.startswith('bench_'))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in modules():
        import importlib
        entry = importlib.import_module('bench.' + argv[0]).main
        return entry(argv[1:]) if entry.__code__.co_argcount else entry()
    if not argv or argv[0] not in BENCHMARKS:
        print(__doc__)
        for name, (_module, text) in sorted(BENCHMARKS.items()):
            print('  %-12s %s' % (name, text))
        for name in modules():
            print('  %s' % name)
        return 0 if not argv else 2
    import importlib
    module = importlib.import_module(BENCHMARKS[argv[0]][0])
    return module.main(argv[1:])


if __name__ == '__main__':
    sys.exit(main())
