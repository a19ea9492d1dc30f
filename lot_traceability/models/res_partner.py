# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    min_shelf_life_days = fields.Integer(
        string='Minimum Shelf Life (days)', default=0,
        help='Deliveries to this customer only get lots whose end of life is '
             'at least this many days after the reservation. 0: no minimum.')

    @api.model
    def _commercial_fields(self):
        return super(ResPartner, self)._commercial_fields() + ['min_shelf_life_days']

    supplier_lot_count = fields.Integer('Lots received', compute='_compute_supplier_lot_count',
                                        help='Lots received from this vendor.')

    def _compute_supplier_lot_count(self):
        Report = self.env['lot.supplier.quality.report']
        groups = Report.read_group([('partner_id', 'in', self.mapped('commercial_partner_id').ids)],
                                   ['partner_id', 'lot_count'], ['partner_id'])
        counts = {g['partner_id'][0]: g['lot_count'] for g in groups}
        for partner in self:
            partner.supplier_lot_count = counts.get(partner.commercial_partner_id.id, 0)

    @api.multi
    def action_supplier_quality(self):
        self.ensure_one()
        action = self.env.ref('lot_traceability.lot_supplier_quality_report_action').read()[0]
        action['domain'] = [('partner_id', '=', self.commercial_partner_id.id)]
        action['context'] = {'search_default_group_month': 1}
        return action
