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
