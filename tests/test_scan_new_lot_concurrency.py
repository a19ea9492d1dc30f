# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two scanners scan the same new lot on a receipt at the same moment: the
second waits for the first, then finds the lot the first created (retry)
instead of failing on the unique lot name."""
from odoo import SUPERUSER_ID

from odoo.addons.lot_traceability.controllers.scan import scan_with_retry

from conftest import registry_env
from scan_data import GTIN_MILK, ScanData, gs1_code, second_waits_for_first


def test_same_new_lot_from_two_scanners(clone_db):
    dbname = clone_db('scan_newlot')
    with registry_env(dbname) as env:
        data = ScanData(env)
        receipt_id = data.receipt.id
    code = gs1_code(GTIN_MILK, lot='TWIN-1', count=2)

    def check_first(first):
        assert first['code'] == 'matched' and 'New lot' in first['message'], first

    _first, second = second_waits_for_first(
        dbname, SUPERUSER_ID,
        lambda env: env['stock.picking'].browse(receipt_id).lot_scan(code),
        lambda env: scan_with_retry(env, 'stock.picking', receipt_id, code), check_first)
    assert 'answer' in second, second
    assert second['answer']['code'] == 'matched', second
    with registry_env(dbname) as env:
        lots = env['stock.production.lot'].search([('name', '=', 'TWIN-1')])
        assert len(lots) == 1
        lines = env['stock.move.line'].search([('lot_id', '=', lots.id)])
        assert sum(lines.mapped('qty_done')) == 4
