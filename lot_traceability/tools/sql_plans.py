# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Statements run without PostgreSQL's JIT compilation (plain Python, no ORM).

The mass balance statement reads a few thousand rows through indexes in
tens of milliseconds, but its estimated cost (a subquery per row that
never runs) passes ``jit_above_cost``: PostgreSQL 11 and later then
compile it with LLVM first, which costs 1-4 s per call (measured on the
full bench database: the mass balance of 1,000 lots took 4.1 s of which
3.8 s JIT). ``fetch_without_jit`` switches JIT off for that statement only
(``set_config(..., true)``: this transaction, restored right after).
"""


def fetch_without_jit(cr, query, params=None):
    """The rows of ``cr.execute(QUERY, PARAMS)`` (``fetchall``) run with
    ``jit`` off; the setting is put back after a successful statement (a
    failed one aborts the transaction, which drops the local setting anyway).
    A server without ``jit`` (before PostgreSQL 11) runs the statement as it
    is."""
    # read and switch off in one statement (CASE: a server without jit
    # never evaluates set_config)
    cr.execute("SELECT current_setting('jit', true), CASE WHEN current_setting('jit', true) "
               "IS NOT NULL THEN set_config('jit', 'off', true) END")
    previous = cr.fetchone()[0]
    cr.execute(query, params)
    rows = cr.fetchall()
    if previous not in (None, '', 'off'):
        cr.execute("SELECT set_config('jit', %s, true)", (previous,))
    return rows
