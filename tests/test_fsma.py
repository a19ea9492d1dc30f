# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""FSMA 204 records and EPCIS 2.0 on the demo story (real ORM, demo database):
the HZN-0001 recall event by event, lot code sources set by receipts and
productions, and FSMA requests by product, category, lot and dates."""
import io
import json

import jsonschema
import openpyxl

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import TransactionCase

from odoo.addons.lot_traceability.tools import recall_xlsx

import epcis_schema
import factories
from recall_common import receive

DEMO = 'lot_traceability.'
EVENT_SHEETS = ('Receiving', 'Transformation', 'Shipping')


def sheet_rows(book, name):
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


class FsmaCase(TransactionCase):

    def setUp(self):
        super(FsmaCase, self).setUp()
        self.manager = factories.user(
            self.env, 'Quality FSMA', 'quality_fsma',
            ['stock.group_stock_manager', 'base.group_user'], email='q@example.com')
        self.clerk = factories.user(self.env, 'Clerk FSMA', 'clerk_fsma',
                                    ['stock.group_stock_user'], email='clerk@example.com')
        self.site = self.env.ref('stock.warehouse0').partner_id

    def ref(self, name):
        return self.env.ref(DEMO + name)

    def lot(self, name):
        return self.env['stock.production.lot'].search([
            ('name', '=', name), ('product_id.default_code', 'like', 'AC-')])

    def hzn_recall(self):
        recall = self.env['lot.recall'].sudo(self.manager).create({
            'reason': 'Salmonella found in NutCo hazelnuts', 'direction': 'both',
            'lot_ids': [(6, 0, self.lot('HZN-0001').ids)]})
        recall.action_compute()
        return recall

    def epcis(self, recall):
        chunks = []
        recall.sudo(self.manager)._export_epcis(chunks.append)
        document = json.loads(''.join(chunks))
        jsonschema.validate(document, epcis_schema.SCHEMA)
        return document


class TestRecallFsmaWorkbook(FsmaCase):

    def test_hzn_0001_workbook_every_kde_filled_or_says_why(self):
        recall = self.hzn_recall()
        book = openpyxl.load_workbook(io.BytesIO(recall._export_xlsx()))
        self.assertEqual(book.sheetnames,
                         ['Summary'] + list(EVENT_SHEETS) + ['Mass balance', 'Glossary'])
        for name in EVENT_SHEETS:
            headers = [c[1] for c in recall_xlsx.KDE_COLUMNS[name]]
            rows = sheet_rows(book, name)
            self.assertTrue(rows, name)
            for row in rows:
                self.assertEqual(list(row), headers)
                empty = [title for title, value in row.items() if value in (None, '')]
                self.assertFalse(empty, '%s: empty %s' % (name, empty))
        receiving = sheet_rows(book, 'Receiving')
        self.assertEqual([r['Traceability Lot Code'] for r in receiving], ['HZN-0001'])
        nutco = receiving[0]
        self.assertTrue(nutco['Ship-From Location'].startswith(
            'NutCo Trading; 88 Harbour Street, Rotterdam, 3011, Netherlands; '
            'Phone +31 10 555 0303'))
        self.assertTrue(nutco['Receiving Location'].startswith(self.site.name))
        # our receipt numbered the lot: our site is its lot code source
        self.assertTrue(nutco['Traceability Lot Code Source'].startswith(self.site.name))
        self.assertEqual(nutco['Reference Document Type'], 'Purchase order; Receipt')
        order = self.lot('HZN-0001').purchase_order_id
        self.assertEqual(nutco['Reference Document Number'], '%s; %s' % (
            order.name, self.lot('HZN-0001').receipt_picking_id.name))
        self.assertEqual(nutco['Quantity'], self.lot('HZN-0001').received_qty)

        transformation = sheet_rows(book, 'Transformation')
        pairs = sorted((r['Input Traceability Lot Code'], r['New Traceability Lot Code'])
                       for r in transformation)
        self.assertEqual(pairs, [('HNY-0001', 'PMX-0001'), ('HZN-0001', 'PMX-0001'),
                                 ('OAT-0001', 'GRN-0001'), ('PMX-0001', 'GRN-0001')])
        for row in transformation:
            made = self.lot(row['New Traceability Lot Code'])
            self.assertEqual(row['Reference Document Number'], made.production_id.name)
            self.assertEqual(row['Reference Document Type'], 'Manufacturing order')
            self.assertEqual(row['Date Transformation Completed'],
                             fields.Datetime.from_string(made.production_id.date_finished))
            self.assertGreater(row['Input Quantity'], 0)
            self.assertGreater(row['New Quantity'], 0)

        shipping = sheet_rows(book, 'Shipping')
        self.assertEqual({r['Traceability Lot Code'] for r in shipping}, {'GRN-0001'})
        shipped = sorted((r['Ship-To Location'].split(';')[0], r['Quantity']) for r in shipping)
        self.assertEqual(shipped, [('Corner Deli', 30.0), ('FreshMart Supermarkets', 40.0),
                                   ('Hotel Bellevue', 30.0)])
        for row in shipping:
            self.assertTrue(row['Ship-From Location'].startswith(self.site.name))
            self.assertEqual(row['Reference Document Type'], 'Delivery order; Sales order')

    def test_hzn_0001_epcis_event_by_event(self):
        recall = self.hzn_recall()
        events = self.epcis(recall)['epcisBody']['eventList']
        kinds = [(e['type'], e.get('bizStep')) for e in events]
        self.assertEqual(kinds, [('ObjectEvent', 'receiving')]
                         + [('TransformationEvent', 'commissioning')] * 2
                         + [('ObjectEvent', 'shipping')] * 3)
        receipt = events[0]
        hzn = self.lot('HZN-0001')
        self.assertEqual(receipt['quantityList'][0]['epcClass'],
                         'https://id.gs1.org/01/05901234000031/10/HZN-0001')
        self.assertEqual(receipt['quantityList'][0]['quantity'], hzn.received_qty)
        self.assertEqual([b['type'] for b in receipt['bizTransactionList']], ['po', 'recadv'])
        self.assertTrue(receipt['sourceList'][0]['source'].endswith(
            '/lot_traceability/party/%d' % self.ref('demo_vendor_nutco').id))
        premix, granola = events[1], events[2]
        pmx, grn = self.lot('PMX-0001'), self.lot('GRN-0001')
        self.assertEqual(premix['transformationID'].rsplit('/', 1)[1], str(pmx.production_id.id))
        self.assertEqual(len(premix['inputQuantityList']), 2)
        self.assertIn('https://id.gs1.org/01/05901234000031/10/HZN-0001',
                      [q['epcClass'] for q in premix['inputQuantityList']])
        self.assertEqual(premix['ilmd']['cbvmda:lotNumber'], 'PMX-0001')
        self.assertEqual(premix['ilmd']['cbvmda:itemExpirationDate'], pmx.life_date[:10])
        self.assertEqual(granola['outputQuantityList'][0]['epcClass'],
                         'https://id.gs1.org/01/05901234000048/10/GRN-0001')
        self.assertEqual(granola['ilmd']['cbvmda:lotNumber'], grn.name)
        customers = {self.ref(x).id for x in ('demo_customer_freshmart',
                                              'demo_customer_corner_deli',
                                              'demo_customer_bellevue')}
        shipped_to = {int(e['destinationList'][0]['destination'].rsplit('/', 1)[1])
                      for e in events[3:]}
        self.assertEqual(shipped_to, customers)
        for event in events:
            self.assertRegex(event['eventTimeZoneOffset'], r'^[+-]\d\d:\d\d$')
        # a re-export gives the same event IDs
        again = self.epcis(recall)['epcisBody']['eventList']
        self.assertEqual([e['eventID'] for e in again], [e['eventID'] for e in events])

    def test_gln_gives_sgln_and_party_ids(self):
        self.site.gln = '0614141000005'
        recall = self.hzn_recall()
        events = self.epcis(recall)['epcisBody']['eventList']
        self.assertEqual(events[0]['bizLocation']['id'], 'https://id.gs1.org/414/0614141000005')
        self.assertTrue(events[0]['readPoint']['id'].startswith(
            'https://id.gs1.org/414/0614141000005/254/'))
        with self.assertRaises(ValidationError):
            self.site.gln = '0614141000006'  # wrong check digit


class TestLotCodeSource(FsmaCase):

    def test_demo_lots_know_who_assigned_their_code(self):
        for name in ('HZN-0001', 'PMX-0001', 'GRN-0001'):
            self.assertEqual(self.lot(name).tlc_source_partner_id, self.site, name)

    def test_receipt_under_the_supplier_code_names_the_supplier(self):
        vendor = self.ref('demo_vendor_nutco')
        product = self.ref('demo_product_hazelnuts')
        lot, _order, _picking = receive(self.env, vendor, product, 'NUTCO-77', 5.0)
        self.assertEqual(lot.name, 'NUTCO-77')
        self.assertEqual(lot.tlc_source_partner_id, vendor)
        self.assertEqual(lot.supplier_lot_code, 'NUTCO-77')

    def test_receipt_with_our_lot_number_keeps_the_supplier_code(self):
        vendor = self.ref('demo_vendor_nutco')
        vendor.gln = '0614141000012'
        product = self.ref('demo_product_hazelnuts')
        order = self.env['purchase.order'].create({
            'partner_id': vendor.id,
            'order_line': [(0, 0, {'product_id': product.id, 'name': product.name,
                                   'product_qty': 3.0, 'product_uom': product.uom_id.id,
                                   'price_unit': 1.0, 'date_planned': fields.Datetime.now()})]})
        order.button_confirm()
        picking = order.picking_ids
        for line in picking.move_line_ids:
            line.write({'qty_done': line.product_uom_qty, 'supplier_lot_code': 'NC-2026-0042'})
        picking.sudo(self.clerk).button_validate()
        lot = picking.move_line_ids.mapped('lot_id')
        self.assertEqual(len(lot), 1)
        self.assertNotEqual(lot.name, 'NC-2026-0042')
        self.assertEqual(lot.supplier_lot_code, 'NC-2026-0042')
        self.assertEqual(lot.tlc_source_partner_id, self.site)
        # editable by the people who receive
        lot.sudo(self.clerk).write({'tlc_source_reference': 'https://acme.example/site/1'})
        self.assertEqual(lot.tlc_source_reference, 'https://acme.example/site/1')


class TestFsmaRequest(FsmaCase):

    def request(self, **vals):
        today = fields.Date.context_today(self.env.user)
        values = {'date_from': '2020-01-01', 'date_to': today, 'requested_by': 'FDA CORE'}
        values.update(vals)
        return self.env['lot.fsma.request'].sudo(self.clerk).create(values)

    def book(self, request):
        return openpyxl.load_workbook(io.BytesIO(request._export_xlsx()))

    def test_by_product_over_a_date_range(self):
        hazelnuts = self.ref('demo_product_hazelnuts')
        request = self.request(product_ids=[(6, 0, hazelnuts.ids)])
        self.assertTrue(request.name.startswith('FSMA/'))
        book = self.book(request)
        received = sorted(r['Traceability Lot Code'] for r in sheet_rows(book, 'Receiving'))
        # HZN-0003 was received too (and rejected for a short shelf life)
        self.assertEqual(received, ['HZN-0001', 'HZN-0002', 'HZN-0003'])
        made = sorted(r['New Traceability Lot Code'] for r in sheet_rows(book, 'Transformation'))
        self.assertEqual(made, ['PMX-0001', 'PMX-0002'])
        self.assertEqual(sheet_rows(book, 'Shipping'), [])
        document = json.loads(request._export_epcis())
        jsonschema.validate(document, epcis_schema.SCHEMA)
        self.assertEqual(len(document['epcisBody']['eventList']), 5)

    def test_by_category_and_lot(self):
        food = self.ref('demo_category_food')
        request = self.request(category_ids=[(6, 0, food.ids)])
        book = self.book(request)
        self.assertEqual(len(sheet_rows(book, 'Receiving')), 5)
        shipped = {r['Traceability Lot Code'] for r in sheet_rows(book, 'Shipping')}
        self.assertEqual(shipped, {'GRN-0001', 'GRN-0002'})
        only = self.request(category_ids=[(6, 0, food.ids)],
                            lot_ids=[(6, 0, self.lot('GRN-0002').ids)])
        book = self.book(only)
        self.assertEqual(sheet_rows(book, 'Receiving'), [])
        self.assertEqual({r['Traceability Lot Code'] for r in sheet_rows(book, 'Shipping')},
                         {'GRN-0002'})

    def test_transfer_between_our_warehouses_is_shipped_and_received(self):
        env = self.env
        main = env.ref('stock.warehouse0')
        depot = env['stock.warehouse'].create({
            'name': 'Depot FSMA', 'code': 'DFSM', 'partner_id': env['res.partner'].create({
                'name': 'Depot FSMA Site', 'street': '9 Dock Road', 'city': 'Dover'}).id})
        vendor = env['res.partner'].create({'name': 'Oat Farm FSMA', 'supplier': True})
        product = factories.product(env, 'Oat Flakes FSMA')
        lot = receive(env, vendor, product, 'OAT-FSMA-1', 8.0)[0]
        bin_location = env['stock.location'].create({'name': 'Bin FSMA', 'usage': 'internal',
                                                     'location_id': main.lot_stock_id.id})
        # inside the main warehouse (no event), then to the depot (one each way)
        for source, destination in ((main.lot_stock_id, bin_location),
                                    (bin_location, depot.lot_stock_id)):
            transfer = factories.picking(env, main.int_type_id, source, destination,
                                         [(product, 3.0)])
            transfer.action_assign()
            transfer.move_line_ids.unlink()
            factories.done_line(env, transfer.move_lines, lot, 3.0)
            transfer.button_validate()
            self.assertEqual(transfer.state, 'done')
        book = self.book(self.request(product_ids=[(6, 0, product.ids)]))
        [shipped] = sheet_rows(book, 'Shipping')
        self.assertEqual((shipped['Traceability Lot Code'], shipped['Quantity']),
                         ('OAT-FSMA-1', 3.0))
        self.assertTrue(shipped['Ship-To Location'].startswith(
            'Depot FSMA Site, warehouse Depot FSMA; 9 Dock Road, Dover;'),
            shipped['Ship-To Location'])
        self.assertIn('warehouse %s;' % main.name, shipped['Ship-From Location'])
        self.assertEqual(shipped['Reference Document Number'], transfer.name)
        received = sheet_rows(book, 'Receiving')
        self.assertEqual([(r['Ship-From Location'].split(';')[0], r['Quantity'])
                          for r in received],
                         [('Oat Farm FSMA', 8.0),
                          ('%s, warehouse %s' % (main.partner_id.name, main.name), 3.0)])
        self.assertTrue(received[1]['Receiving Location'].startswith(
            'Depot FSMA Site, warehouse Depot FSMA;'))
        lot.invalidate_cache()
        self.assertEqual((lot.mb_received, lot.mb_on_hand, lot.mb_unexplained), (8.0, 8.0, 0.0))

    def test_dates_outside_give_empty_sheets_and_the_button_logs(self):
        request = self.request(product_ids=[(6, 0, self.ref('demo_product_granola').ids)],
                               date_from='2001-01-01', date_to='2001-12-31')
        book = self.book(request)
        for name in EVENT_SHEETS:
            self.assertEqual(sheet_rows(book, name), [])
        action = request.action_export_xlsx()
        self.assertEqual(action['tag'], 'lot_traceability.download')
        self.assertEqual(action['params']['url'], '/lot_traceability/fsma/%d/xlsx' % request.id)
        self.assertTrue(request.date_exported)
        self.assertIn('XLSX written', request.message_ids[0].body)

    def test_bad_requests_say_what_is_wrong(self):
        with self.assertRaises(ValidationError):
            self.request(product_ids=[(6, 0, self.ref('demo_product_oats').ids)],
                         date_from='2026-02-01', date_to='2026-01-01')
        request = self.request()
        with self.assertRaises(UserError):
            request._export_xlsx()
        with self.assertRaises(UserError):
            request.action_export_epcis()
        self.assertFalse(request.date_exported)
