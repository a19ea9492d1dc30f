# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..tools.chatter import html_body


class StockReturnPicking(models.TransientModel):
    _inherit = 'stock.return.picking'

    is_delivery = fields.Boolean(compute='_compute_is_delivery')
    return_reason_id = fields.Many2one('lot.return.reason', string='Return Reason')
    return_note = fields.Text('Customer Complaint')

    @api.depends('picking_id')
    def _compute_is_delivery(self):
        for wizard in self:
            wizard.is_delivery = wizard.picking_id.location_dest_id.usage == 'customer'

    @api.model
    def default_get(self, fields_list):
        res = super(StockReturnPicking, self).default_get(fields_list)
        # the returned lot is known when the delivered move held one lot
        for command in res.get('product_return_moves') or []:
            values = command[2]
            move = self.env['stock.move'].browse(values.get('move_id'))
            lots = move.move_line_ids.filtered(lambda ml: ml.state == 'done').mapped('lot_id')
            if len(lots) == 1:
                values['lot_id'] = lots.id
        return res

    def _create_returns(self):
        # the reason is required on the form (customer returns); code that
        # creates returns itself may leave it empty
        for line in self.product_return_moves.filtered('lot_id'):
            delivered = line.move_id.move_line_ids.filtered(
                lambda ml: ml.state == 'done' and ml.lot_id == line.lot_id)
            # the wizard's quantity is in the product's unit, the lines' in their own
            unit = line.product_id.uom_id
            qty = sum(ml.product_uom_id._compute_quantity(ml.qty_done, unit)
                      for ml in delivered)
            if float_compare(line.quantity, qty, precision_rounding=unit.rounding) > 0:
                raise UserError(_('Only %s %s of lot %s were delivered in %s: you cannot '
                                  'return %s %s.') % (qty, unit.name, line.lot_id.name,
                                                      self.picking_id.name, line.quantity,
                                                      unit.name))
        new_picking_id, picking_type_id = super(StockReturnPicking, self)._create_returns()
        new_picking = self.env['stock.picking'].browse(new_picking_id)
        new_picking.write({
            'return_of_picking_id': self.picking_id.id,
            'return_reason_id': self.return_reason_id.id,
            'return_note': self.return_note,
        })
        self._set_returned_lots(new_picking)
        if self.return_reason_id:
            new_picking.message_post(body=html_body(_('Customer return, reason: %s'),
                                                    self.return_reason_id.name))
        return new_picking_id, picking_type_id

    def _set_returned_lots(self, new_picking):
        """Put the returned lot on the return's lines, as the worker would."""
        for line in self.product_return_moves:
            lot = line.lot_id
            if not lot or not line.quantity:
                continue
            move = new_picking.move_lines.filtered(
                lambda m: m.origin_returned_move_id == line.move_id)
            move_lines = move.move_line_ids.filtered(lambda ml: not ml.lot_id)
            if move_lines:
                move_lines.write({'lot_id': lot.id})
            elif move and not move.move_line_ids:
                self.env['stock.move.line'].create(dict(
                    move._prepare_move_line_vals(quantity=0), lot_id=lot.id))
