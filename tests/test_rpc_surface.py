# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The RPC surface is deliberate: in Odoo 11 every method whose name does
not start with ``_`` is callable over XML-RPC and JSON-RPC. Every public
method the addon defines (its own models and wizards, its overrides of
standard methods, its mixins) is listed in the table of
docs/reference/rpc_surface.rst with who may call it and what it checks; a
public method missing from the table, or a row whose method no longer
exists, fails here."""
import os
import re

from odoo.models import regex_private
from odoo.tests.common import TransactionCase

SURFACE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                       'docs', 'reference', 'rpc_surface.rst')
# the addon and its barcode-app glue (installed in the test template)
ADDON_MODULES = ('odoo.addons.lot_traceability', 'odoo.addons.lot_traceability_stock_barcodes')
TABLE_TITLE = 'RPC surface'
ENTRY = re.compile(r'^``([a-z0-9_.]+)\.([A-Za-z0-9_]+)``$')


def addon_public_methods(registry):
    """{(model, method)} for every public callable attribute of a class of
    the addon in the MRO of a model of REGISTRY: public as Odoo's RPC sees
    it (``odoo.models.check_method_name`` refuses ``_*`` and ``init``)."""
    found = set()
    for model_name in registry:
        for klass in registry[model_name].__mro__:   # the model class
            module = getattr(klass, '__module__', '') or ''
            if not any(module == addon or module.startswith(addon + '.')
                       for addon in ADDON_MODULES):
                continue
            for name, attr in vars(klass).items():
                if regex_private.match(name):
                    continue
                if isinstance(attr, (staticmethod, classmethod)):
                    attr = attr.__func__
                if callable(attr):
                    found.add((model_name, name))
    return found


def surface_table(path=SURFACE):
    """The rows of the RST simple table that follows the *RPC surface*
    title: [(model, method, who, checks)], continuation lines joined."""
    with open(path, encoding='utf-8') as handle:
        lines = handle.read().splitlines()
    start = next(index for index, line in enumerate(lines[:-1])
                 if line.strip() == TABLE_TITLE
                 and set(lines[index + 1].strip()) in ({'-'}, {'='}))
    borders = [index for index in range(start + 2, len(lines))
               if lines[index].startswith('=') and set(lines[index].strip()) <= {'=', ' '}]
    top, head, bottom = borders[:3]
    columns = [match.span() for match in re.finditer(r'=+', lines[top])]
    assert len(columns) == 3, 'the RPC surface table has three columns'

    def cells(line):
        spans = columns[:-1] + [(columns[-1][0], len(line))]
        return [line[begin:end].strip() for begin, end in spans]

    rows = []
    for line in lines[head + 1:bottom]:
        if not line.strip():
            continue
        first, who, checks = cells(line)
        if first:
            rows.append([first, who, checks])
        else:
            assert rows, 'a continuation line before the first row: %r' % line
            rows[-1][1] = ('%s %s' % (rows[-1][1], who)).strip()
            rows[-1][2] = ('%s %s' % (rows[-1][2], checks)).strip()
    table = []
    for first, who, checks in rows:
        match = ENTRY.match(first)
        assert match, 'the first column names ``model.method``: %r' % first
        table.append((match.group(1), match.group(2), who, checks))
    return table


class TestRpcSurface(TransactionCase):

    def test_every_public_method_is_documented_and_every_row_exists(self):
        actual = addon_public_methods(self.env.registry)
        table = surface_table()
        documented = {(model, method) for model, method, _who, _checks in table}
        self.assertEqual(len(documented), len(table), 'a method is listed twice')
        undocumented = sorted('%s.%s' % key for key in actual - documented)
        gone = sorted('%s.%s' % key for key in documented - actual)
        self.assertFalse(undocumented, 'public methods (callable over RPC) missing from '
                                       'docs/reference/rpc_surface.rst: %s' % undocumented)
        self.assertFalse(gone, 'rows of docs/reference/rpc_surface.rst that are no public '
                               'method of the addon (renamed or removed?): %s' % gone)

    def test_every_row_says_who_and_what_is_checked(self):
        for model, method, who, checks in surface_table():
            self.assertTrue(who and checks, '%s.%s: say who may call it and what it checks'
                            % (model, method))

    def test_the_walk_finds_overrides_mixins_and_wizards(self):
        """The enumeration itself: standard overrides, mixin methods on every
        model that inherits them, wizards, and nothing private."""
        actual = addon_public_methods(self.env.registry)
        for key in (('stock.picking', 'action_done'), ('stock.move.line', 'write'),
                    ('stock.picking', 'lot_scan'), ('mrp.production', 'lot_scan'),
                    ('product.template', 'create'), ('lot.trace', 'name_get'),
                    ('lot.fsma.request', 'action_export_xlsx'),
                    ('wiz.stock.barcodes.read.picking', 'check_done_conditions')):
            self.assertIn(key, actual)
        self.assertFalse([key for key in actual if regex_private.match(key[1])])
        self.assertNotIn(('lot.customer.balance', 'init'), actual)   # Odoo refuses it
        self.assertNotIn(('res.partner', 'name_get'), actual)   # not ours
