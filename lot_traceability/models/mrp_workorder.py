# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models

from ..tools.chatter import html_body


class MrpWorkorder(models.Model):
    _inherit = 'mrp.workorder'

    @api.multi
    def record_production(self):
        # Manufacturing orders with work orders: when the operator gave no lot
        # for the batch, it gets a new one from the product's lot sequence,
        # as the produce wizard does (stock.production.lot._create_auto_lot).
        for workorder in self:
            production = workorder.production_id
            if production.product_id.tracking == 'lot' and not workorder.final_lot_id \
                    and workorder.move_raw_ids and workorder.qty_producing > 0:
                workorder.final_lot_id = self.env['stock.production.lot']._create_auto_lot(
                    production.product_id, production.company_id,
                    {'production_id': production.id})
                production.message_post(body=html_body(
                    _('Lot %s created for %s %s.'), workorder.final_lot_id.name,
                    workorder.qty_producing, production.product_uom_id.name))
        return super(MrpWorkorder, self).record_production()

    def _set_reserved_component_lots(self):
        """Put on the work order's component lines that have no lot the lots
        reserved for their moves, as the operator picks them."""
        for workorder in self:
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

    def _record_production_as(self, user_id, final_lot_id=False):
        """Start and record these work orders as the operator USER_ID (a
        res.users id) does at the work center: start, the batch's lot
        (FINAL_LOT_ID, when given) and the reserved component lots, done."""
        for workorder in self.sudo(user_id):
            workorder.button_start()
            if final_lot_id:
                workorder.final_lot_id = final_lot_id
            workorder._set_reserved_component_lots()
            workorder.record_production()
        return True
