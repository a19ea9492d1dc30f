"""``python -m bench`` (``make bench``): run every benchmark of this folder,
or the ones named on the command line (``python -m bench bench_receipt_lots``)."""
import importlib
import os
import pkgutil
import sys


def benchmarks():
    folder = os.path.dirname(os.path.abspath(__file__))
    return sorted(name for _finder, name, _pkg in pkgutil.iter_modules([folder])
                  if name.startswith('bench_'))


def main(argv):
    names = argv or benchmarks()
    if not names:
        print('no benchmark found')
    for name in names:
        print('== %s' % name)
        importlib.import_module('bench.' + name).main()


if __name__ == '__main__':
    main(sys.argv[1:])
