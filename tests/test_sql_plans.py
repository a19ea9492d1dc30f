# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""tools/sql_plans.py on a bare psycopg2 cursor: the statement runs with
PostgreSQL's JIT off, the setting is back afterwards, and the mass balance's
statement goes through it (its estimated cost passes jit_above_cost on a
large database: compiling it cost seconds per call)."""

from odoo.addons.lot_traceability.tools import mass_balance_sql, sql_plans


def jit(cr):
    cr.execute("SELECT current_setting('jit')")
    return cr.fetchone()[0]


def test_statement_runs_without_jit_and_the_setting_comes_back(cr):
    cr.execute('SET LOCAL jit = on')
    rows = sql_plans.fetch_without_jit(
        cr, "SELECT current_setting('jit'), %s::int + 1", (41,))
    assert rows == [('off', 42)]
    assert jit(cr) == 'on'


def test_jit_already_off_stays_off(cr):
    cr.execute('SET LOCAL jit = off')
    assert sql_plans.fetch_without_jit(cr, "SELECT current_setting('jit')") == [('off',)]
    assert jit(cr) == 'off'


class Spy(object):
    """A cursor that notes the JIT setting in force for every statement."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.seen = []

    def execute(self, query, params=None):
        self.cursor.execute("SELECT current_setting('jit')")
        self.seen.append((query, self.cursor.fetchone()[0]))
        return self.cursor.execute(query, params)

    def __getattr__(self, name):
        return getattr(self.cursor, name)


def test_mass_balance_statement_runs_without_jit(cr):
    cr.execute('SET LOCAL jit = on')
    cr.execute('SELECT id FROM stock_production_lot ORDER BY id LIMIT 5')
    lot_ids = [row[0] for row in cr.fetchall()]
    assert lot_ids
    spy = Spy(cr)
    balances = mass_balance_sql.mass_balance(spy, lot_ids, with_unidentified=True)
    assert [balance['lot_id'] for balance in balances] == lot_ids
    balance_statements = [setting for query, setting in spy.seen
                          if 'stock_move_line' in query]
    assert balance_statements == ['off']
    assert jit(cr) == 'on'
