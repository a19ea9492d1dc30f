# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The indexes the trace engine and the genealogy sync need on Odoo's stock
tables are declared on the addon's stock models, and stay when those models
are updated again (as installing or updating any module extending them does)."""
from odoo.tests.common import TransactionCase

# index -> (table, column, partial)
INDEXES = {
    'stock_move_line_lot_id_index': ('stock_move_line', 'lot_id', False),
    'stock_move_line_move_id_index': ('stock_move_line', 'move_id', False),
    'stock_quant_lot_id_index': ('stock_quant', 'lot_id', False),
    'stock_move_production_id_partial_index': ('stock_move', 'production_id', True),
    'stock_move_unbuild_id_partial_index': ('stock_move', 'unbuild_id', True),
    'stock_move_consume_unbuild_id_partial_index': ('stock_move', 'consume_unbuild_id', True),
}


class TestStockIndexes(TransactionCase):

    def assert_indexes(self):
        self.env.cr.execute('SELECT indexname, tablename, indexdef FROM pg_indexes '
                            'WHERE indexname IN %s', (tuple(INDEXES),))
        found = {name: (table, definition) for name, table, definition in self.env.cr.fetchall()}
        self.assertEqual(sorted(found), sorted(INDEXES))
        for name, (table, column, partial) in INDEXES.items():
            self.assertEqual(found[name][0], table, name)
            self.assertIn('(%s)' % column, found[name][1], name)
            self.assertEqual('WHERE (%s IS NOT NULL)' % column in found[name][1], partial, name)

    def test_indexes_on_the_stock_tables(self):
        self.assert_indexes()

    def test_indexes_stay_when_the_stock_models_are_updated(self):
        for model in ('stock.move', 'stock.move.line', 'stock.quant'):
            self.env[model]._auto_init()
        self.assert_indexes()
