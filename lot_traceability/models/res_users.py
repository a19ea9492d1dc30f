# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    @api.multi
    def _lot_is_stock_manager(self):
        """The one check behind every Inventory-Manager-only lot action
        (quarantine, release, lot sequences, genealogy rebuild): the group,
        never a context key. The superuser passes."""
        self.ensure_one()
        return self.id == SUPERUSER_ID or self.has_group('stock.group_stock_manager')
