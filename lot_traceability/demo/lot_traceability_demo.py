# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The steps of the demo story (lot_traceability_demo.xml) that a user does
by hand in the screens: quantities typed on a transfer, a return through the
return wizard, a work order recorded by an operator at the work center.

Only the demo data (``<function>`` calls) uses them; the production models do
not carry them. Every method is private: none is callable over RPC."""
from odoo import api, models


class LotTraceabilityDemo(models.AbstractModel):
    _name = 'lot.traceability.demo'
    _description = 'Demo story steps (demo data only)'

    @api.model
    def _demo_set_quantities_done(self, picking_ids, lot_id=False):
        """Enter the quantities done of the transfers PICKING_IDS, as the
        worker does before validating: each line's reserved quantity, or the
        whole move on a new line when nothing is reserved; LOT_ID (a lot's id)
        goes on the lines that have no lot."""
        lot = self.env['stock.production.lot'].browse(lot_id)
        moves = self.env['stock.picking'].browse(picking_ids).mapped('move_lines').filtered(
            lambda m: m.state not in ('done', 'cancel'))
        for move in moves:
            if not move.move_line_ids:
                self.env['stock.move.line'].create(dict(
                    move._prepare_move_line_vals(quantity=0),
                    lot_id=lot.id, qty_done=move.product_uom_qty))
                continue
            for line in move.move_line_ids:
                vals = {'qty_done': line.product_uom_qty}
                if lot and not line.lot_id:
                    vals['lot_id'] = lot.id
                line.write(vals)
        return True

    @api.model
    def _demo_return_quantity(self, picking_id, quantity, location_id, reason_id=False,
                              note=False):
        """Return QUANTITY of the goods of transfer PICKING_ID to LOCATION_ID
        through the return wizard, as the user does from the transfer's form
        (REASON_ID: a lot.return.reason's id, NOTE: the customer's complaint).
        Returns the id of the return, ready to validate."""
        picking = self.env['stock.picking'].browse(picking_id)
        picking.ensure_one()
        wizard = self.env['stock.return.picking'].with_context(
            active_id=picking.id, active_ids=picking.ids).create({
                'return_reason_id': reason_id, 'return_note': note,
                'location_id': location_id})
        wizard.product_return_moves.write({'quantity': quantity})
        return wizard._create_returns()[0]

    @api.model
    def _demo_record_production_as(self, workorder_ids, user_id, final_lot_id=False):
        """Start and record the work orders WORKORDER_IDS as the operator
        USER_ID (a res.users id) does at the work center: start, the batch's
        lot (FINAL_LOT_ID, when given) and the reserved component lots, done."""
        for workorder in self.env['mrp.workorder'].browse(workorder_ids).sudo(user_id):
            workorder.button_start()
            if final_lot_id:
                workorder.final_lot_id = final_lot_id
            self._demo_set_reserved_component_lots(workorder)
            workorder.record_production()
        return True

    @api.model
    def _demo_set_reserved_component_lots(self, workorders):
        """Put on the component lines of WORKORDERS that have no lot the lots
        reserved for their moves, as the operator picks them."""
        for workorder in workorders:
            for line in workorder.active_move_line_ids.filtered(lambda rec: not rec.lot_id):
                reserved = line.move_id.move_line_ids.filtered(
                    lambda rec: rec.done_wo and rec.lot_id and rec.product_uom_qty > 0)
                todo = line.qty_done
                for index, source in enumerate(reserved):
                    qty = todo if index == len(reserved) - 1 else min(todo, source.product_uom_qty)
                    if index == 0:
                        line.write({'lot_id': source.lot_id.id, 'qty_done': qty})
                    else:
                        line.copy({'lot_id': source.lot_id.id, 'qty_done': qty,
                                   'workorder_id': workorder.id, 'done_wo': False})
                    todo -= qty
                    if todo <= 0:
                        break
        return True
