# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class MrpProduction(models.Model):
    _inherit = 'mrp.production'

    created_lot_ids = fields.One2many(
        'stock.production.lot', 'production_id', string='Lots Made', readonly=True)
    created_lot_count = fields.Integer(compute='_compute_created_lot_count')

    @api.depends('created_lot_ids')
    def _compute_created_lot_count(self):
        for production in self:
            production.created_lot_count = len(production.created_lot_ids)

    @api.multi
    def button_mark_done(self):
        result = super(MrpProduction, self).button_mark_done()
        if self.picking_type_id.print_lot_labels and self.created_lot_ids:
            return self.created_lot_ids._label_report_action()
        return result

    @api.multi
    def action_view_created_lots(self):
        self.ensure_one()
        action = self.env.ref('stock.action_production_lot_form').read()[0]
        action['domain'] = [('production_id', '=', self.id)]
        action['context'] = {}
        return action

    @api.multi
    def action_print_lot_labels(self):
        return self.mapped('created_lot_ids')._label_report_action()
