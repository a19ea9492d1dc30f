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

    @api.multi
    def _lot_is_recall_manager(self):
        """Who may reopen a closed recall: an Inventory Manager or a Quality
        Manager."""
        self.ensure_one()
        return self._lot_is_stock_manager() or self._lot_is_quality_manager()

    @api.multi
    def _lot_is_quality_manager(self):
        """The one check behind the quality decisions on lots (release,
        reject, quality status): the Quality Manager group (implied by
        Inventory Manager), never a context key. The superuser passes."""
        self.ensure_one()
        return self.id == SUPERUSER_ID or self.has_group(
            'lot_traceability.group_lot_quality_manager')

    @api.multi
    def _lot_is_system(self):
        """Settings (``base.group_system``) or the superuser: the only ones
        who edit or delete a recall's record (chatter, rows, evidence)."""
        self.ensure_one()
        return self.id == SUPERUSER_ID or self.has_group('base.group_system')
