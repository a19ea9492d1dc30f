# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two scans on the same move line at the same moment, in two transactions:
the second waits for the first and both increments are kept."""
import threading
import time

import odoo
from odoo import SUPERUSER_ID, api

from odoo.addons.lot_traceability.controllers.scan import scan_with_retry

from conftest import registry_env
from scan_data import ScanData


def waiting_for_lock(registry, dbname):
    with registry.cursor() as cr:
        cr.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                   "AND wait_event_type = 'Lock'", (dbname,))
        return cr.fetchone()[0]


def test_second_scan_waits_and_keeps_both_increments(clone_db):
    dbname = clone_db('scan_conc')
    with registry_env(dbname) as env:
        data = ScanData(env)
        production_id = data.production.id
        line_id = data.lines(data.production, data.milk).id
    registry = odoo.registry(dbname)
    second = {}

    def scan_in_second_transaction():
        try:
            with api.Environment.manage(), registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                second['answer'] = scan_with_retry(env, 'mrp.production', production_id,
                                                   'MILK-A')
        except Exception as error:  # reported by the main thread
            second['error'] = error

    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        first = env['mrp.production'].browse(production_id).lot_scan('MILK-A')
        assert first['code'] == 'matched' and first['line']['qty_done'] == 1
        thread = threading.Thread(target=scan_in_second_transaction)
        thread.start()
        deadline = time.time() + 30
        while not waiting_for_lock(registry, dbname):
            assert time.time() < deadline, 'the second scan did not wait for the first'
            time.sleep(0.05)
        # leaving the block commits the first scan and releases the line
    thread.join(60)
    assert 'answer' in second, second
    assert second['answer']['code'] == 'matched', second
    assert second['answer']['line']['qty_done'] == 2
    with registry_env(dbname) as env:
        assert env['stock.move.line'].browse(line_id).qty_done == 2
