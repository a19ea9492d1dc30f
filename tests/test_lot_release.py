# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quality status of lots (positive release): received or made lots of
products that need it await release; the one rule (tools/lot_rules.py)
blocks pending and rejected lots from reservation, delivery, consumption and
scans, moves between internal locations (to quality control) stay allowed;
only a Quality Manager releases (note, certificate) or rejects (reason,
return or scrap), every decision is logged."""
import base64
from datetime import datetime

import pytest

from odoo.exceptions import AccessError, UserError

from odoo.addons.lot_traceability.tools import lot_rules

import factories
from conftest import RpcError, registry_env
from fefo_common import FefoCase, utc
from test_barcode_app import BarcodeAppCase

PDF = base64.b64encode(b'%PDF-1.4\n% certificate of analysis\n%%EOF\n')


class TestLotRelease(FefoCase):

    @classmethod
    def setUpClass(cls):
        super(TestLotRelease, cls).setUpClass()
        env = cls.env
        cls.quality = factories.user(env, 'Quality Manager QA', 'rel_quality',
                                     ['lot_traceability.group_lot_quality_manager',
                                      'base.group_user'], email='quality@example.com')
        cls.vendor = env['res.partner'].create({'name': 'Honey Farm QA', 'is_company': True})
        cls.qc = env['stock.location'].create({
            'name': 'Quality Control QA', 'usage': 'internal',
            'location_id': cls.warehouse.view_location_id.id})

    def pending_lot(self, name, life_days=30, product=None):
        lot = self.make_lot(name, utc(life_days), product=product)
        lot._write_release({'release_state': lot_rules.PENDING})
        return lot

    def receive(self, product, lot_name, qty=5.0):
        receipt = factories.picking(
            self.env, self.warehouse.in_type_id, self.env.ref('stock.stock_location_suppliers'),
            self.stock, [(product, qty)], partner=self.vendor)
        lot = factories.lot(self.env, product, lot_name)
        receipt.move_line_ids.write({'lot_id': lot.id, 'qty_done': qty})
        receipt.action_done()
        return receipt, receipt.move_line_ids.lot_id

    def wizard(self, user, lots, decision, **values):
        return self.env['lot.release.wizard'].sudo(user).create(dict(
            values, lot_ids=[(6, 0, lots.ids)], decision=decision))

    # ------------------------------------------------------------ the rule
    def test_rule_blocks_pending_and_rejected_unless_no_release_is_needed(self):
        now = datetime(2026, 6, 1)
        later = datetime(2026, 9, 1)
        for state in (lot_rules.PENDING, lot_rules.REJECTED):
            self.assertEqual(lot_rules.block_reason(later, False, now, None, state), state)
            self.assertIsNone(lot_rules.block_reason(later, False, now, None, state,
                                                     release_needed=False))
            # quarantine is a person's decision: given first
            self.assertEqual(lot_rules.block_reason(later, True, now, None, state),
                             lot_rules.QUARANTINED)
        self.assertIsNone(lot_rules.block_reason(later, False, now, None, lot_rules.RELEASED))
        condition, params = lot_rules.blocked_lots_sql(now)
        self.assertIn('release_state', condition)
        self.assertIn(list(lot_rules.BLOCKING_RELEASE_STATES), params)
        condition, params = lot_rules.blocked_lots_sql(now, release_needed=False)
        self.assertNotIn('release_state', condition)

    # ------------------------------------------------------------ status
    def test_lots_existing_before_the_install_are_released(self):
        # mrp's demo lots were made before the addon was installed
        self.assertEqual(self.env.ref('mrp.lot_product_27_0').release_state, 'released')
        self.env.cr.execute(
            'SELECT count(*) FROM stock_production_lot WHERE release_state IS NULL')
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_lots_of_other_products_are_released_from_the_start(self):
        receipt, lot = self.receive(self.product, 'REL-FREE')
        self.assertEqual(lot.release_state, 'released')
        self.assertEqual(self.make_lot('REL-FREE-2').release_state, 'released')

    def test_receipt_makes_lots_pending_product_first_then_category(self):
        honey = self.make_product('Honey REL', lot_release_on_receipt='yes')
        _receipt, lot = self.receive(honey, 'REL-HONEY')
        self.assertEqual(lot.release_state, 'pending')
        self.assertTrue(lot.message_ids.filtered(
            lambda message: 'awaiting quality release' in (message.body or '')))
        category = self.env['product.category'].create({
            'name': 'Released on receipt', 'lot_release_on_receipt': True})
        sugar = self.make_product('Sugar REL', categ_id=category.id)
        self.assertEqual(self.receive(sugar, 'REL-SUGAR')[1].release_state, 'pending')
        salt = self.make_product('Salt REL', categ_id=category.id, lot_release_on_receipt='no')
        self.assertEqual(self.receive(salt, 'REL-SALT')[1].release_state, 'released')

    def test_finished_lot_awaits_release_after_production(self):
        jam = self.make_product('Jam REL', lot_release_after_production='yes')
        fruit = self.make_product('Fruit REL')
        self.make_lot('REL-FRUIT', utc(60), product=fruit)
        production = factories.production(self.env, jam, 1.0,
                                          factories.bom(self.env, jam, [(fruit, 1.0)]))
        production.action_assign()
        produce = self.env['mrp.product.produce'].with_context(
            active_id=production.id, active_ids=production.ids).create({'product_qty': 1.0})
        produce.do_produce()
        production.button_mark_done()
        finished = production.move_finished_ids.mapped('move_line_ids.lot_id')
        self.assertTrue(finished)
        self.assertEqual(finished.mapped('release_state'), ['pending'])

    # ------------------------------------------------------------ where the rule acts
    def test_pending_lot_is_not_reserved_for_a_delivery(self):
        self.pending_lot('REL-P', life_days=5)
        self.make_lot('REL-OK', utc(40))
        picking = self.delivery(4)
        self.assertEqual(self.reserved(picking), [('REL-OK', 4.0)])
        picking2 = self.delivery(10)
        self.assertIn('awaiting quality release', picking2.move_lines.lot_reservation_issue)

    def test_pending_lot_is_refused_on_a_delivery_and_in_its_lot_dropdown(self):
        lot = self.pending_lot('REL-DLV')
        picking = factories.picking(self.env, self.warehouse.out_type_id, self.stock,
                                    self.customers, [(self.product, 2)], partner=self.customer)
        with self.assertRaisesRegex(UserError, 'awaiting quality release'):
            factories.done_line(self.env, picking.move_lines, lot, 2)
        self.assertFalse(picking.move_line_ids)
        line = self.env['stock.move.line'].new({
            'move_id': picking.move_lines.id, 'product_id': self.product.id,
            'location_id': self.stock.id, 'location_dest_id': self.customers.id})
        domain = line._onchange_lot_domain_usable()['domain']['lot_id']
        self.assertNotIn(lot, self.env['stock.production.lot'].search(domain))
        self.assertIn(('release_state', 'not in', list(lot_rules.BLOCKING_RELEASE_STATES)),
                      domain)

    def test_pending_lot_moves_to_quality_control(self):
        lot = self.pending_lot('REL-QC')
        move_in = factories.picking(self.env, self.warehouse.int_type_id, self.stock, self.qc,
                                    [(self.product, 10)])
        move_in.action_assign()
        self.assertEqual(self.reserved(move_in), [('REL-QC', 10.0)])
        move_in.move_line_ids.qty_done = 10
        move_in.action_done()
        self.assertEqual(move_in.state, 'done')
        self.assertEqual(lot.quant_ids.filtered(lambda q: q.quantity > 0).location_id, self.qc)

    def test_pending_component_is_neither_reserved_nor_consumed(self):
        jam = self.make_product('Jam C REL')
        fruit = self.make_product('Fruit C REL')
        lot = self.pending_lot('REL-FRUIT-P', product=fruit)
        production = factories.production(self.env, jam, 1.0,
                                          factories.bom(self.env, jam, [(fruit, 1.0)]))
        production.action_assign()
        self.assertFalse(production.move_raw_ids.move_line_ids)
        self.assertIn('awaiting quality release',
                      production.move_raw_ids.lot_reservation_issue)
        with self.assertRaisesRegex(UserError, 'awaiting quality release'):
            factories.done_line(self.env, production.move_raw_ids, lot, 1)
        self.assertFalse(production.move_raw_ids.move_line_ids)

    def test_pick_step_of_a_delivery_does_not_take_a_pending_lot(self):
        self.pending_lot('REL-PICK')
        output = self.warehouse.wh_output_stock_loc_id
        ship = factories.picking(self.env, self.warehouse.out_type_id, output, self.customers,
                                 [(self.product, 3)], partner=self.customer)
        pick = factories.picking(self.env, self.warehouse.int_type_id, self.stock, output,
                                 [(self.product, 3)])
        pick.move_lines.write({'move_dest_ids': [(4, ship.move_lines.id)]})
        self.assertTrue(pick.move_lines._lot_release_needed())
        pick.action_assign()
        self.assertFalse(pick.move_line_ids)

    def test_rejected_lot_goes_back_to_the_vendor_not_to_a_customer(self):
        lot = self.make_lot('REL-REJ', utc(30))
        lot.sudo(self.quality)._release_decide('reject', 'mould on the lid')
        self.assertEqual(lot.release_state, 'rejected')
        self.assertFalse(self.reserved(self.delivery(2)))
        back = factories.picking(self.env, self.warehouse.out_type_id, self.stock,
                                 self.env.ref('stock.stock_location_suppliers'),
                                 [(self.product, 10)], partner=self.vendor)
        factories.done_line(self.env, back.move_lines, lot, 10)
        back.action_done()
        self.assertEqual(back.state, 'done')

    def test_scan_refuses_a_pending_lot_on_a_delivery_and_warns_on_receipt(self):
        lot = self.pending_lot('REL-SCAN')
        picking = factories.picking(self.env, self.warehouse.out_type_id, self.stock,
                                    self.customers, [(self.product, 2)], partner=self.customer)
        answer = picking.sudo(self.worker).lot_scan(lot.name)
        self.assertEqual((answer['status'], answer['code']), ('error', 'pending_release'))
        self.assertIn('REL-SCAN', answer['message'])
        self.assertFalse(picking.move_line_ids.filtered('qty_done'))
        honey = self.make_product('Honey scan REL', lot_release_on_receipt='yes')
        self.warehouse.in_type_id.use_create_lots = True
        receipt = factories.picking(
            self.env, self.warehouse.in_type_id, self.env.ref('stock.stock_location_suppliers'),
            self.stock, [(honey, 5)], partner=self.vendor)
        honey_lot = self.make_lot('REL-HNY-SCAN', utc(90), product=honey, qty=0)
        answer = receipt.sudo(self.worker).lot_scan(honey_lot.name)
        self.assertEqual(answer['status'], 'ok', answer)
        self.assertIn('awaits quality release', answer['message'])

    # ------------------------------------------------------------ decisions
    def test_release_needs_a_note_and_the_certificate_the_product_asks_for(self):
        honey = self.make_product('Honey CoA REL', lot_release_certificate=True)
        lot = self.pending_lot('REL-COA', product=honey)
        with self.assertRaisesRegex(UserError, 'decision note'):
            self.wizard(self.quality, lot, 'release').action_confirm()
        with self.assertRaisesRegex(UserError, 'certificate of analysis'):
            self.wizard(self.quality, lot, 'release', note='Lab OK').action_confirm()
        self.assertEqual(lot.release_state, 'pending')
        self.assertFalse(lot.release_decision_ids)
        self.wizard(self.quality, lot, 'release', note='Lab OK <b>', certificate_file=PDF,
                    certificate_filename='coa-REL-COA.pdf').action_confirm()
        self.assertEqual(lot.release_state, 'released')
        decision = lot.release_decision_ids
        self.assertEqual(len(decision), 1)
        self.assertEqual((decision.decision, decision.note, decision.user_id),
                         ('release', 'Lab OK <b>', self.quality))
        self.assertEqual(decision.certificate_id.res_model, 'stock.production.lot')
        self.assertEqual(decision.certificate_id.res_id, lot.id)
        self.assertEqual(decision.certificate_id.datas_fname, 'coa-REL-COA.pdf')
        message = lot.message_ids.filtered(lambda m: 'Lab OK' in (m.body or ''))
        self.assertTrue(message)
        self.assertIn('&lt;b&gt;', message[0].body)
        # the lot can be used now
        self.assertEqual(self.reserved(self.delivery(2, product=honey)), [('REL-COA', 2.0)])

    def test_certificate_chosen_must_be_the_lots(self):
        honey = self.make_product('Honey CoA2 REL', lot_release_certificate=True)
        lot = self.pending_lot('REL-COA2', product=honey)
        other = self.env['ir.attachment'].create({
            'name': 'other.pdf', 'datas': PDF, 'datas_fname': 'other.pdf',
            'res_model': 'res.partner', 'res_id': self.vendor.id})
        with self.assertRaisesRegex(UserError, 'attached to the lot'):
            self.wizard(self.quality, lot, 'release', note='OK',
                        certificate_id=other.id).action_confirm()
        own = self.env['ir.attachment'].create({
            'name': 'coa.pdf', 'datas': PDF, 'datas_fname': 'coa.pdf',
            'res_model': 'stock.production.lot', 'res_id': lot.id})
        self.wizard(self.quality, lot, 'release', note='OK',
                    certificate_id=own.id).action_confirm()
        self.assertEqual(lot.release_decision_ids.certificate_id, own)

    def test_reject_unreserves_and_offers_the_return_of_the_receipt(self):
        receipt, lot = self.receive(self.product, 'REL-BACK', qty=6)
        picking = self.delivery(6)
        self.assertEqual(self.reserved(picking), [('REL-BACK', 6.0)])
        with self.assertRaisesRegex(UserError, 'reason'):
            self.wizard(self.quality, lot, 'reject').action_confirm()
        action = self.wizard(self.quality, lot, 'reject', note='Short shelf life',
                             follow_up='return').action_confirm()
        self.assertEqual(lot.release_state, 'rejected')
        self.assertFalse(self.reserved(picking))
        self.assertEqual(action['res_model'], 'stock.return.picking')
        self.assertEqual(action['context']['active_id'], receipt.id)
        returned = self.env['stock.return.picking'].with_context(
            **action['context']).create({})
        self.assertEqual(returned.product_return_moves.lot_id, lot)
        self.assertEqual(lot.release_decision_ids.decision, 'reject')
        scrap = self.wizard(self.quality, self.pending_lot('REL-SCRAP'), 'reject',
                            note='Broken seal', follow_up='scrap').action_confirm()
        self.assertEqual(scrap['res_model'], 'stock.scrap')
        self.assertEqual(scrap['context']['default_scrap_qty'], 10.0)

    def test_inventory_manager_is_a_quality_manager_and_a_recall_manager(self):
        self.assertTrue(self.manager._lot_is_quality_manager())
        self.assertTrue(self.quality._lot_is_recall_manager())
        self.assertTrue(self.quality.has_group('stock.group_stock_user'))
        self.assertFalse(self.worker._lot_is_quality_manager())

    def test_a_stock_user_cannot_decide(self):
        lot = self.pending_lot('REL-USER')
        Lot = self.env['stock.production.lot'].sudo(self.worker)
        for method in ('action_quality_release', 'action_quality_reject'):
            with self.assertRaisesRegex(AccessError, 'Quality Manager'):
                getattr(lot.sudo(self.worker), method)()
        with self.assertRaisesRegex(AccessError, 'Quality Manager'):
            self.wizard(self.worker, lot, 'release', note='fine')
        with self.assertRaisesRegex(AccessError, 'Quality Manager'):
            lot.sudo(self.worker).with_context(lot_release_action=True).write(
                {'release_state': 'released'})
        with self.assertRaisesRegex(AccessError, 'Quality Manager'):
            Lot.create({'name': 'REL-NEW', 'product_id': self.product.id,
                        'release_state': 'released'})
        wizard = self.wizard(self.quality, lot, 'release', note='fine')
        with self.assertRaisesRegex(AccessError, 'Quality Manager'):
            wizard.sudo(self.worker).action_confirm()
        with self.assertRaises(AccessError):
            self.env['lot.release.decision'].sudo(self.worker).create(
                {'lot_id': lot.id, 'decision': 'release', 'note': 'x',
                 'user_id': self.worker.id})
        self.assertEqual(lot.release_state, 'pending')
        self.assertFalse(lot.release_decision_ids)
        self.assertFalse(lot.message_ids.filtered(lambda m: 'fine' in (m.body or '')))

    def test_awaiting_release_counted_on_the_receipt_card(self):
        honey = self.make_product('Honey card REL', lot_release_on_receipt='yes')
        receipt_type = self.warehouse.in_type_id
        before = receipt_type.count_lot_awaiting_release
        _receipt, lot = self.receive(honey, 'REL-CARD')
        receipt_type.invalidate_cache()
        self.assertEqual(receipt_type.count_lot_awaiting_release, before + 1)
        action = receipt_type.sudo(self.worker).action_view_lots_awaiting_release()
        lots = self.env['stock.production.lot'].search(action['domain'])
        self.assertIn(lot, lots)
        self.assertEqual(set(lots.mapped('release_state')), {'pending'})


class TestReceiptShelfLife(FefoCase):
    """A receipt bringing a lot with less shelf life left than its product
    (or vendor) asks for: seen at the scan, stopped at validation until a
    Quality Manager accepts it with a reason, or (company setting) rejected."""

    @classmethod
    def setUpClass(cls):
        super(TestReceiptShelfLife, cls).setUpClass()
        env = cls.env
        cls.quality = factories.user(env, 'Quality Manager SL', 'sl_quality',
                                     ['lot_traceability.group_lot_quality_manager',
                                      'base.group_user'], email='sl-quality@example.com')
        cls.vendor = env['res.partner'].create({'name': 'NutCo SL', 'is_company': True})
        cls.nuts = cls.make_product('Hazelnuts SL', receipt_min_shelf_life_days=60)
        # the demo company rejects short lots; the default asks for an acceptance
        env.user.company_id.lot_receipt_shelf_life_policy = 'accept'

    def receipt(self, life_days, product=None):
        product = product or self.nuts
        lot = self.make_lot('SL-%s-%s' % (product.id, life_days), utc(life_days),
                            product=product, qty=0)
        receipt = factories.picking(
            self.env, self.warehouse.in_type_id, self.env.ref('stock.stock_location_suppliers'),
            self.stock, [(product, 4)], partner=self.vendor)
        factories.done_line(self.env, receipt.move_lines, lot, 4)
        return receipt, lot

    def test_cutoff_days_percent_and_vendor(self):
        now = datetime(2026, 6, 1)
        self.assertIsNone(lot_rules.receipt_shelf_life_cutoff(now))
        self.assertEqual(lot_rules.receipt_shelf_life_cutoff(now, 10, 50, 100),
                         datetime(2026, 7, 21))
        self.assertEqual(lot_rules.receipt_shelf_life_cutoff(now, 10, 5, 100),
                         datetime(2026, 6, 11))
        self.nuts.product_tmpl_id.write({'seller_ids': [(0, 0, {
            'name': self.vendor.id, 'receipt_min_shelf_life_days': 5})]})
        cutoff = self.nuts._lot_receipt_cutoff(self.vendor, now)
        self.assertEqual(cutoff, datetime(2026, 6, 6))
        other = self.env['res.partner'].create({'name': 'Other nut vendor'})
        self.assertEqual(self.nuts._lot_receipt_cutoff(other, now), datetime(2026, 7, 31))

    def test_short_lot_is_stopped_until_a_quality_manager_accepts(self):
        receipt, lot = self.receipt(20)
        self.assertIn('Short shelf life', receipt.shelf_life_issue)
        with self.assertRaisesRegex(UserError, 'Quality Manager must accept'):
            receipt.sudo(self.worker).action_done()
        self.assertEqual(receipt.state, 'assigned')
        with self.assertRaisesRegex(AccessError, 'Quality Manager'):
            receipt.sudo(self.worker).write({'shelf_life_accept_reason': 'looks fine'})
        with self.assertRaises(AccessError):
            receipt.sudo(self.worker).write({'shelf_life_accept_user_id': self.worker.id})
        self.assertFalse(receipt.shelf_life_accept_reason)
        receipt.sudo(self.quality).write({'shelf_life_accept_reason': 'Used this week'})
        self.assertEqual(receipt.shelf_life_accept_user_id, self.quality)
        receipt.sudo(self.worker).action_done()
        self.assertEqual(receipt.state, 'done')
        self.assertEqual(lot.release_state, 'released')

    def test_long_enough_lot_passes(self):
        receipt, lot = self.receipt(90)
        self.assertFalse(receipt.shelf_life_issue)
        receipt.action_done()
        self.assertEqual(receipt.state, 'done')

    def test_company_setting_rejects_the_short_lot(self):
        self.env.user.company_id.lot_receipt_shelf_life_policy = 'reject'
        receipt, lot = self.receipt(20)
        receipt.sudo(self.worker).action_done()
        self.assertEqual(receipt.state, 'done')
        self.assertEqual(lot.release_state, 'rejected')
        decision = lot.release_decision_ids
        self.assertEqual((decision.decision, decision.origin), ('reject', 'shelf_life'))
        self.assertIn('Short shelf life', decision.note)
        self.assertTrue(receipt.message_ids.filtered(
            lambda m: 'short shelf life' in (m.body or '')))
        self.assertFalse(self.reserved(self.delivery(2, product=self.nuts)))

    def test_scan_on_the_receipt_warns(self):
        receipt = factories.picking(
            self.env, self.warehouse.in_type_id, self.env.ref('stock.stock_location_suppliers'),
            self.stock, [(self.nuts, 4)], partner=self.vendor)
        lot = self.make_lot('SL-SCAN', utc(15), product=self.nuts, qty=0)
        answer = receipt.sudo(self.worker).lot_scan(lot.name)
        self.assertEqual((answer['status'], answer['code']), ('warning', 'shelf_life'), answer)
        self.assertIn('Short shelf life', answer['message'])


class TestReleaseBarcodeApp(BarcodeAppCase):
    """The OCA barcode screens (lot_traceability_stock_barcodes) ask the same rule."""

    def test_pending_lot_refused_on_a_delivery_screen(self):
        factories.add_stock(self.env, self.milk, self.data.stock, 10, lot=self.data.lot_b)
        self.data.lot_b._write_release({'release_state': 'pending'})
        wizard = self.screen(self.data.delivery)
        before = self.state(self.data.delivery)
        self.scan(wizard, 'MILK-B')
        self.assertEqual(wizard.message_type, 'not_found', wizard.message)
        self.assertIn('awaiting quality release', wizard.message)
        self.assertEqual(self.state(self.data.delivery), before, 'a refused scan wrote something')
        receipt_screen = self.screen(self.data.receipt)
        receipt_screen.lot_id = self.data.lot_b
        self.assertFalse(receipt_screen._lot_traceability_refusal())


# ---------------------------------------------------------------- over RPC
@pytest.fixture(scope='module')
def rel(odoo_server):
    with registry_env(odoo_server.db) as env:
        product = factories.product(env, 'REL RPC honey', lot_release_certificate=True)
        lot = factories.lot(env, product, 'REL-RPC-1', life_date=utc(90))
        factories.add_stock(env, product, env.ref('stock.stock_location_stock'), 5, lot=lot)
        lot._write_release({'release_state': 'pending'})
        other = factories.lot(env, product, 'REL-RPC-2', life_date=utc(90))
        other._write_release({'release_state': 'pending'})
        for login, groups in (('rel_worker', ['stock.group_stock_user']),
                              ('rel_quality', ['lot_traceability.group_lot_quality_manager'])):
            factories.user(env, login, login, groups + ['base.group_user'], password=login,
                           email='%s@example.com' % login)
        return {'lot': lot.id, 'other': other.id}


def lot_state(server, lot_id):
    with registry_env(server.db) as env:
        lot = env['stock.production.lot'].browse(lot_id)
        return (lot.release_state, len(lot.release_decision_ids),
                len(env['ir.attachment'].search([('res_model', '=', 'stock.production.lot'),
                                                 ('res_id', '=', lot_id)])),
                len(lot.message_ids))


def test_a_stock_user_cannot_release_or_reject_over_rpc(odoo_server, rel):
    worker = odoo_server.session('rel_worker', 'rel_worker')
    lot = rel['lot']
    before = lot_state(odoo_server, lot)
    assert before[0] == 'pending'
    model = 'stock.production.lot'
    for method in ('action_quality_release', 'action_quality_reject'):
        with pytest.raises(RpcError, match='Quality Manager'):
            odoo_server.call(worker, model, method, [lot])
    for context in ({}, {'lot_release_action': True, 'force': True}):
        with pytest.raises(RpcError, match='Quality Manager'):
            odoo_server.call(worker, model, 'write', [lot], {'release_state': 'released'},
                             context=context)
    with pytest.raises(RpcError, match='Private methods'):
        odoo_server.call(worker, model, '_write_release', [lot], {'release_state': 'released'})
    with pytest.raises(RpcError, match='Private methods'):
        odoo_server.call(worker, model, '_release_decide', [lot], 'release', 'ok')
    with pytest.raises(RpcError, match='Quality Manager'):
        odoo_server.call(worker, 'lot.release.wizard', 'create',
                         {'lot_ids': [(6, 0, [lot])], 'decision': 'release', 'note': 'fine',
                          'certificate_file': PDF.decode(), 'certificate_filename': 'x.pdf'})
    # a dialog filled by a quality manager: neither changed nor confirmed
    with registry_env(odoo_server.db) as env:
        wizard = env['lot.release.wizard'].create({
            'lot_ids': [(6, 0, [lot])], 'decision': 'release', 'note': 'prepared',
            'certificate_file': PDF, 'certificate_filename': 'coa.pdf'}).id
    with pytest.raises(RpcError, match='Quality Manager'):
        odoo_server.call(worker, 'lot.release.wizard', 'write', [wizard], {'note': 'mine'})
    with pytest.raises(RpcError, match='Quality Manager'):
        odoo_server.call(worker, 'lot.release.wizard', 'action_confirm', [wizard])
    with pytest.raises(RpcError):
        odoo_server.call(worker, 'lot.release.decision', 'create',
                         {'lot_id': lot, 'decision': 'release', 'note': 'fine'})
    # import: every row refused, nothing written
    result = odoo_server.call(worker, model, 'load', ['.id', 'release_state'],
                              [[str(lot), 'released']])
    assert not result['ids']
    assert 'Quality Manager' in ' '.join(message['message'] for message in result['messages'])
    assert lot_state(odoo_server, lot) == before


def test_a_quality_manager_releases_with_a_certificate_over_rpc(odoo_server, rel):
    quality = odoo_server.session('rel_quality', 'rel_quality')
    lot = rel['other']
    action = odoo_server.call(quality, 'stock.production.lot', 'action_quality_release', [lot])
    assert action['res_model'] == 'lot.release.wizard'
    wizard = odoo_server.call(quality, 'lot.release.wizard', 'create',
                              {'lot_ids': [(6, 0, [lot])], 'decision': 'release',
                               'note': 'CoA checked', 'certificate_file': PDF.decode(),
                               'certificate_filename': 'coa.pdf'},
                              context=action['context'])
    odoo_server.call(quality, 'lot.release.wizard', 'action_confirm', [wizard])
    state, decisions, attachments, _messages = lot_state(odoo_server, lot)
    assert (state, decisions, attachments) == ('released', 1, 1)
    rows = odoo_server.call(quality, 'lot.release.decision', 'search_read',
                            [('lot_id', '=', lot)],
                            ['decision', 'note', 'user_id', 'certificate_id'])
    assert rows[0]['decision'] == 'release' and rows[0]['note'] == 'CoA checked'
    assert rows[0]['user_id'][1] == 'rel_quality' and rows[0]['certificate_id']
    # the log is append-only, even for the one who decided
    for method, args in (('write', ([rows[0]['id']], {'note': 'changed'})),
                         ('unlink', ([rows[0]['id']],))):
        with pytest.raises(RpcError):
            odoo_server.call(quality, 'lot.release.decision', method, *args)
