# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two scanners scan the same new lot on a receipt at the same moment: the
second waits for the first, then finds the lot the first created (retry)
instead of failing on the unique lot name."""
import threading
import time

import odoo
from odoo import SUPERUSER_ID, api

from odoo.addons.lot_traceability.controllers.scan import scan_with_retry

from conftest import registry_env
from scan_data import GTIN_MILK, ScanData, gs1_code
from test_scan_concurrency import waiting_for_lock


def test_same_new_lot_from_two_scanners(clone_db):
    dbname = clone_db('scan_newlot')
    with registry_env(dbname) as env:
        data = ScanData(env)
        receipt_id = data.receipt.id
    registry = odoo.registry(dbname)
    code = gs1_code(GTIN_MILK, lot='TWIN-1', count=2)
    second = {}

    def scan_in_second_transaction():
        try:
            with api.Environment.manage(), registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                second['answer'] = scan_with_retry(env, 'stock.picking', receipt_id, code)
        except Exception as error:  # reported by the main thread
            second['error'] = error

    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        first = env['stock.picking'].browse(receipt_id).lot_scan(code)
        assert first['code'] == 'matched' and 'New lot' in first['message'], first
        thread = threading.Thread(target=scan_in_second_transaction)
        thread.start()
        deadline = time.time() + 30
        while not waiting_for_lock(registry, dbname):
            assert time.time() < deadline, 'the second scan did not wait for the first'
            time.sleep(0.05)
        # leaving the block commits the first scan and its new lot
    thread.join(60)
    assert 'answer' in second, second
    assert second['answer']['code'] == 'matched', second
    with registry_env(dbname) as env:
        lots = env['stock.production.lot'].search([('name', '=', 'TWIN-1')])
        assert len(lots) == 1
        lines = env['stock.move.line'].search([('lot_id', '=', lots.id)])
        assert sum(lines.mapped('qty_done')) == 4
