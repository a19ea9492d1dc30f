# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Documents to scan on: a delivery, a receipt and a manufacturing order.

Used by the scanning tests (in a rolled-back transaction) and the endpoint
tests (committed in the HTTP server's database)."""
import threading
import time

import pytest

import odoo
from odoo import api

from odoo.addons.lot_traceability.tools import gs1

import factories

GTIN_MILK = '09506000134352'       # stored as its GTIN-13 on the product
GTIN_CUP = '04006381333931'        # an untracked product
GTIN_STRANGER = '00000096385074'   # a product in none of the documents


def gs1_code(gtin, lot=None, expiry=None, best_before=None, count=None):
    elements = [('01', gtin)]
    for ai, value in (('17', expiry), ('15', best_before), ('10', lot), ('30', count)):
        if value is not None:
            elements.append((ai, value))
    return gs1.encode(elements, prefix=']C1')


def waiting_for_lock(registry, dbname):
    """How many statements of DBNAME wait for a lock."""
    with registry.cursor() as cr:
        cr.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                   "AND wait_event_type = 'Lock'", (dbname,))
        return cr.fetchone()[0]


def second_waits_for_first(dbname, uid, first, second, check_first=None, what='second scan'):
    """FIRST(env) in a transaction as UID, checked by CHECK_FIRST(its answer);
    while it is still open, SECOND(env) in a transaction of its own (a thread),
    which must wait for a lock of the first (within 30 s); then the first
    commits. The first's answer and {'answer': the second's} (or {'error': ...})."""
    registry = odoo.registry(dbname)
    outcome = {}

    def run_second():
        try:
            with api.Environment.manage(), registry.cursor() as cr:
                outcome['answer'] = second(api.Environment(cr, uid, {}))
        except Exception as error:  # reported by the caller
            outcome['error'] = error

    with api.Environment.manage(), registry.cursor() as cr:
        answer = first(api.Environment(cr, uid, {}))
        if check_first is not None:
            check_first(answer)
        thread = threading.Thread(target=run_second)
        thread.start()
        deadline = time.time() + 30
        while not waiting_for_lock(registry, dbname):
            assert time.time() < deadline, 'the %s did not wait for the first' % what
            time.sleep(0.05)
        # leaving the block commits the first and releases its locks
    thread.join(60)
    return answer, outcome


class ScanData(object):
    """Products, lots with stock, and the three documents (once per database:
    product barcodes are unique)."""

    def __init__(self, env, tag='S'):
        self.env = env
        ref = env.ref
        untracked = {'tracking': 'none'}
        self.milk = factories.product(env, 'Scan Milk %s' % tag, barcode=GTIN_MILK[1:])
        self.cup = factories.product(env, 'Scan Cup %s' % tag, barcode=GTIN_CUP, **untracked)
        self.stranger = factories.product(env, 'Scan Stranger %s' % tag,
                                          barcode=GTIN_STRANGER[6:], **untracked)
        self.cake = factories.product(env, 'Scan Cake %s' % tag, **untracked)
        self.lot_a = factories.lot(env, self.milk, 'MILK-A', life_date=factories.utc(30))
        self.lot_b = factories.lot(env, self.milk, 'MILK-B', life_date=factories.utc(60))
        self.lot_old = factories.lot(env, self.milk, 'MILK-OLD', life_date=factories.utc(-2))
        self.stock = ref('stock.stock_location_stock')
        factories.add_stock(env, self.milk, self.stock, 20, lot=self.lot_a)
        factories.add_stock(env, self.cup, self.stock, 50)
        self.delivery = self._picking('stock.picking_type_out', self.stock,
                                      ref('stock.stock_location_customers'),
                                      [(self.milk, 5), (self.cup, 4)])
        self.receipt = self._picking('stock.picking_type_in', ref('stock.stock_location_suppliers'),
                                     self.stock, [(self.milk, 10)])
        bom = factories.bom(env, self.cake, [(self.milk, 2), (self.cup, 1)])
        self.production = factories.production(env, self.cake, 3, bom)
        self.production.action_assign()

    def _picking(self, type_xmlid, source, destination, lines):
        picking = factories.picking(self.env, self.env.ref(type_xmlid), source, destination,
                                    lines)
        picking.action_assign()
        return picking

    def lines(self, document, product):
        moves = document.move_lines if document._name == 'stock.picking' else document.move_raw_ids
        return moves.mapped('move_line_ids').filtered(lambda rec: rec.product_id == product)


@pytest.fixture(scope='session')
def server_docs(odoo_server):
    """ScanData committed once in the HTTP server's database: ids by name.

    Several test modules import this fixture (each import is its own fixture
    definition): the data is kept on the server object so it is made once."""
    from conftest import registry_env
    if getattr(odoo_server, 'scan_docs', None):
        return odoo_server.scan_docs
    with registry_env(odoo_server.db) as env:
        data = ScanData(env, tag='HTTP')
        factories.user(env, 'Scan Reader', 'scan_reader', ['base.group_user'],
                       password='scan_reader')
        odoo_server.scan_docs = {
            'delivery': data.delivery.id, 'production': data.production.id,
            'receipt': data.receipt.id, 'milk': data.milk.id,
            'delivery_line': data.lines(data.delivery, data.milk).id,
            'production_line': data.lines(data.production, data.milk).id,
        }
    return odoo_server.scan_docs
