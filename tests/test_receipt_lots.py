# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Receipts: one new lot per purchase-order line received at once, one
serial per unit, typed lots kept, a backorder gets its own lot, and the lot
knows its vendor, PO, receipt, date and quantity."""
from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase


class ReceiptCase(TransactionCase):

    def setUp(self):
        super(ReceiptCase, self).setUp()
        self.vendor = self.env.ref('base.res_partner_1')
        self.seq = self.env['ir.sequence'].create({
            'name': 'Raw material lots', 'prefix': 'RM-', 'padding': 5, 'lot_sequence': True})
        self.flour = self.env['product.product'].create({
            'name': 'Flour', 'type': 'product', 'tracking': 'lot',
            'lot_sequence_id': self.seq.id})
        self.scale = self.env['product.product'].create({
            'name': 'Scale', 'type': 'product', 'tracking': 'serial',
            'lot_sequence_id': self.seq.id})
        self.in_type = self.env.ref('stock.picking_type_in')
        self.in_type.write({'use_create_lots': True, 'use_existing_lots': True,
                            'print_lot_labels': False})

    def _po(self, lines):
        order = self.env['purchase.order'].create({
            'partner_id': self.vendor.id,
            'order_line': [(0, 0, {
                'product_id': product.id, 'name': product.name, 'product_qty': qty,
                'product_uom': product.uom_po_id.id, 'price_unit': 2.0,
                'date_planned': '2026-01-01 00:00:00'}) for product, qty in lines],
        })
        order.button_confirm()
        return order, order.picking_ids

    @staticmethod
    def _set_done(picking, qty_by_move=None):
        for move in picking.move_lines:
            qty = qty_by_move.get(move.id) if qty_by_move else None
            for line in move.move_line_ids:
                line.qty_done = line.product_uom_qty if qty is None else qty
                qty = 0 if qty is not None else None

    def _lots(self, picking):
        return picking.move_line_ids.mapped('lot_id')


class TestReceiptLots(ReceiptCase):

    def test_two_po_lines_same_product_two_lots(self):
        order, picking = self._po([(self.flour, 10), (self.flour, 5)])
        self._set_done(picking)
        self.assertFalse(picking.button_validate())
        self.assertEqual(picking.state, 'done')
        lots = self._lots(picking)
        self.assertEqual(len(lots), 2)
        self.assertEqual(sorted(lots.mapped('name')), ['RM-00001', 'RM-00002'])
        by_line = {lot.purchase_line_id: lot for lot in lots}
        self.assertEqual(set(by_line), set(order.order_line))
        for po_line, lot in by_line.items():
            self.assertEqual(lot.received_qty, po_line.product_qty)
            self.assertEqual(lot.purchase_order_id, order)
            self.assertEqual(lot.vendor_id, self.vendor.commercial_partner_id)
            self.assertEqual(lot.receipt_picking_id, picking)
            self.assertEqual(lot.receipt_date, picking.date_done)
            self.assertEqual(lot.company_id, picking.company_id)
            self.assertEqual(lot.product_qty, po_line.product_qty)

    def test_backorder_gets_a_third_lot(self):
        order, picking = self._po([(self.flour, 10), (self.flour, 5)])
        first_move = order.order_line[0].move_ids
        self._set_done(picking, {first_move.id: 4})
        wizard_action = picking.button_validate()
        self.assertEqual(wizard_action['res_model'], 'stock.backorder.confirmation')
        self.env['stock.backorder.confirmation'].browse(wizard_action['res_id']).process()
        self.assertEqual(len(self._lots(picking)), 2)
        first_lot = picking.move_line_ids.filtered(
            lambda ml: ml.product_id == self.flour
            and ml.move_id.purchase_line_id == order.order_line[0]).lot_id
        self.assertEqual(first_lot.received_qty, 4)
        backorder = self.env['stock.picking'].search([('backorder_id', '=', picking.id)])
        self.assertEqual(len(backorder), 1)
        self._set_done(backorder)
        backorder.button_validate()
        self.assertEqual(backorder.state, 'done')
        third = self._lots(backorder)
        self.assertEqual(len(third), 1)
        self.assertNotIn(third, self._lots(picking))
        self.assertEqual(third.received_qty, 6)
        self.assertEqual(third.purchase_line_id, order.order_line[0])
        self.assertEqual(third.receipt_picking_id, backorder)
        self.assertEqual(len(self.env['stock.production.lot'].search(
            [('purchase_order_id', '=', order.id)])), 3)

    def test_typed_lot_is_kept(self):
        order, picking = self._po([(self.flour, 10), (self.flour, 5)])
        self._set_done(picking)
        typed_line = picking.move_line_ids.filtered(
            lambda ml: ml.move_id.purchase_line_id == order.order_line[0])
        typed_line.lot_name = 'VENDOR-BATCH-77'
        picking.button_validate()
        self.assertEqual(typed_line.lot_id.name, 'VENDOR-BATCH-77')
        other = picking.move_line_ids - typed_line
        self.assertEqual(other.lot_id.name, 'RM-00001')
        # the typed lot still learns where it came from
        self.assertEqual(typed_line.lot_id.purchase_line_id, order.order_line[0])
        self.assertEqual(typed_line.lot_id.received_qty, 10)

    def test_existing_lot_scanned_is_kept(self):
        lot = self.env['stock.production.lot'].create(
            {'name': 'OLD-1', 'product_id': self.flour.id})
        order, picking = self._po([(self.flour, 3)])
        self._set_done(picking)
        picking.move_line_ids.lot_id = lot
        picking.button_validate()
        self.assertEqual(self._lots(picking), lot)
        # created before (imported) but never in stock: this receipt is its origin
        self.assertEqual((lot.receipt_picking_id, lot.purchase_order_id, lot.received_qty),
                         (picking, order, 3.0))
        # received again: a lot received before keeps its first receipt
        second_order, second = self._po([(self.flour, 2)])
        self._set_done(second)
        second.move_line_ids.lot_id = lot
        second.button_validate()
        self.assertEqual(second.state, 'done')
        self.assertEqual((lot.receipt_picking_id, lot.purchase_order_id, lot.received_qty),
                         (picking, order, 3.0))

    def test_serials_one_per_unit(self):
        order, picking = self._po([(self.scale, 3)])
        self._set_done(picking)
        picking.button_validate()
        lots = self._lots(picking)
        self.assertEqual(len(lots), 3)
        self.assertEqual(len(set(lots.mapped('name'))), 3)
        self.assertEqual(lots.mapped('received_qty'), [1.0, 1.0, 1.0])
        self.assertEqual(sum(picking.move_line_ids.mapped('qty_done')), 3)

    def test_serial_line_with_several_units_is_split(self):
        order, picking = self._po([(self.scale, 3)])
        lines = picking.move_line_ids
        lines[1:].unlink()
        lines[0].write({'qty_done': 3})
        picking.with_context(skip_overprocessed_check=True).button_validate()
        self.assertEqual(picking.state, 'done')
        self.assertEqual(len(self._lots(picking)), 3)

    def test_immediate_transfer_path(self):
        order, picking = self._po([(self.flour, 7)])
        action = picking.button_validate()
        self.assertEqual(action['res_model'], 'stock.immediate.transfer')
        self.env['stock.immediate.transfer'].browse(action['res_id']).process()
        self.assertEqual(picking.state, 'done')
        lot = self._lots(picking)
        self.assertEqual(len(lot), 1)
        self.assertEqual(lot.received_qty, 7)
        self.assertEqual(lot.product_qty, 7)

    def test_generate_lots_button_before_validation(self):
        order, picking = self._po([(self.flour, 10), (self.scale, 2)])
        picking.action_generate_lots()
        lots = self._lots(picking)
        self.assertEqual(len(lots), 3)
        self.assertIn('RM-', picking.message_ids[0].body)
        with self.assertRaises(UserError):
            picking.action_generate_lots()
        self._set_done(picking)
        picking.button_validate()
        self.assertEqual(self._lots(picking), lots)
        self.assertTrue(all(lot.receipt_date for lot in lots))

    def test_operation_type_without_create_lots_is_untouched(self):
        self.in_type.use_create_lots = False
        order, picking = self._po([(self.flour, 2)])
        self._set_done(picking)
        with self.assertRaises(UserError):
            picking.button_validate()

    def test_label_action_on_validation(self):
        old_lot = self.env['stock.production.lot'].create(
            {'name': 'OLD-2', 'product_id': self.flour.id})
        # received before: not one of the lots this receipt brings in first
        first_order, first = self._po([(self.flour, 1)])
        self._set_done(first)
        first.move_line_ids.lot_id = old_lot
        first.button_validate()
        self.in_type.print_lot_labels = True
        order, picking = self._po([(self.flour, 4), (self.flour, 6), (self.flour, 1)])
        self._set_done(picking)
        picking.move_line_ids[-1].lot_id = old_lot
        action = picking.button_validate()
        self.assertEqual(action['type'], 'ir.actions.report')
        self.assertEqual(action['report_name'], 'lot_traceability.report_lot_label')
        created = self._lots(picking) - old_lot
        self.assertEqual(len(created), 2)
        self.assertEqual(sorted(action['context']['active_ids']), sorted(created.ids))

    def test_returned_goods_get_no_new_lot(self):
        order, picking = self._po([(self.flour, 5)])
        self._set_done(picking)
        picking.button_validate()
        lot = self._lots(picking)
        # the goods go back to the vendor, then come back as a return of that return
        wizard = self.env['stock.return.picking'].with_context(
            active_id=picking.id, active_ids=picking.ids).create({})
        out = self.env['stock.picking'].browse(wizard._create_returns()[0])
        out.action_assign()
        self._set_done(out)
        out.button_validate()
        self.assertEqual(out.state, 'done')
        back = self.env['stock.return.picking'].with_context(
            active_id=out.id, active_ids=out.ids).create({})
        incoming = self.env['stock.picking'].browse(back._create_returns()[0])
        self.assertEqual(incoming.picking_type_id.code, 'incoming')
        incoming.action_assign()
        for line in incoming.move_line_ids:
            line.write({'qty_done': line.product_uom_qty, 'lot_id': False})
        with self.assertRaises(UserError):
            incoming.button_validate()
        self.assertEqual(self.env['stock.production.lot'].search_count(
            [('product_id', '=', self.flour.id)]), 1)
        incoming.move_line_ids.write({'lot_id': lot.id})
        incoming.button_validate()
        self.assertEqual(incoming.state, 'done')
