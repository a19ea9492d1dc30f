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
