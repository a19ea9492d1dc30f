# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MrpProduction(models.Model):
    _inherit = 'mrp.production'

    @api.multi
    def post_inventory(self):
        result = super(MrpProduction, self).post_inventory()
        self.env['lot.genealogy.edge']._sync_productions(self)
        return result

    @api.multi
    def action_cancel(self):
        result = super(MrpProduction, self).action_cancel()
        self.env['lot.genealogy.edge']._sync_productions(self)
        return result
