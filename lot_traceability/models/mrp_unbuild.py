# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MrpUnbuild(models.Model):
    _inherit = 'mrp.unbuild'

    @api.multi
    def action_unbuild(self):
        result = super(MrpUnbuild, self).action_unbuild()
        # what was given back no longer links the finished lot to its components
        self.env['lot.genealogy.edge']._sync_productions(self.mapped('mo_id'))
        return result
