# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two scans on the same move line at the same moment, in two transactions:
the second waits for the first and both increments are kept."""
from odoo import SUPERUSER_ID

from odoo.addons.lot_traceability.controllers.scan import scan_with_retry

from conftest import registry_env
from scan_data import ScanData, second_waits_for_first


def test_second_scan_waits_and_keeps_both_increments(clone_db):
    dbname = clone_db('scan_conc')
    with registry_env(dbname) as env:
        data = ScanData(env)
        production_id = data.production.id
        line_id = data.lines(data.production, data.milk).id

    def check_first(first):
        assert first['code'] == 'matched' and first['line']['qty_done'] == 1

    _first, second = second_waits_for_first(
        dbname, SUPERUSER_ID,
        lambda env: env['mrp.production'].browse(production_id).lot_scan('MILK-A'),
        lambda env: scan_with_retry(env, 'mrp.production', production_id, 'MILK-A'),
        check_first)
    assert 'answer' in second, second
    assert second['answer']['code'] == 'matched', second
    assert second['answer']['line']['qty_done'] == 2
    with registry_env(dbname) as env:
        assert env['stock.move.line'].browse(line_id).qty_done == 2
