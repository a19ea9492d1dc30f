# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models

from ..tools.chatter import html_body


class MrpProductProduce(models.TransientModel):
    _inherit = 'mrp.product.produce'

    @api.model
    def default_get(self, fields_list):
        res = super(MrpProductProduce, self).default_get(fields_list)
        for command in res.get('produce_line_ids') or []:
            if len(command) == 3 and command[0] == 0 and command[2].get('lot_id'):
                command[2]['planned_lot_id'] = command[2]['lot_id']
        return res

    @api.multi
    def do_produce(self):
        # Before mrp links the consumed components to the finished lot (and
        # asks "You need to provide a lot for the finished product"): each
        # produce step without a lot gets a new one from the sequence.
        for wizard in self:
            if wizard.product_id.tracking != 'none' and not wizard.lot_id:
                production = wizard.production_id
                wizard.lot_id = self.env['stock.production.lot']._create_auto_lot(
                    wizard.product_id, production.company_id,
                    {'production_id': production.id})
                production.message_post(body=html_body(
                    _('Lot %s created for %s %s.'), wizard.lot_id.name, wizard.product_qty,
                    wizard.product_uom_id.name))
        overrides = []
        for line in self.produce_line_ids.filtered(lambda line: line.qty_done and line.lot_id):
            overrides += line._lot_check_override()
        result = super(MrpProductProduce, self).do_produce()
        Log = self.env['lot.override.log']
        for planned, used, reason, warning in overrides:
            Log._record(planned, used, reason, warning, production=self.production_id)
        return result
