# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models

from ..exceptions import LotReasonRequired, LotRefused


class MrpProductProduceLine(models.TransientModel):
    _name = 'mrp.product.produce.line'
    _inherit = ['mrp.product.produce.line', 'lot.override.mixin']

    @api.onchange('lot_id')
    def _onchange_lot_id_override(self):
        if not self.lot_is_override:
            return {}
        message = self.lot_id._usability_error() or _(
            'This lot differs from the planned lot %s: give a reason.') % self.planned_lot_id.name
        return {'warning': {'title': _('Lot change'), 'message': message}}

    def _lot_check_override(self):
        """Refuse an unusable lot, require a reason when the lot differs from
        the planned one. Returns the override to log, if any."""
        self.ensure_one()
        move_line = self.move_id.move_line_ids.filtered(
            lambda line: line.planned_lot_id == self.planned_lot_id)[:1]
        error = self.lot_id._usability_error()
        if error:
            raise LotRefused(error)
        if not self.lot_is_override:
            return []
        reason = (self.lot_override_reason or '').strip()
        if not reason:
            raise LotReasonRequired(_(
                'Lot %s replaces the planned lot %s for %s: give a reason for the change.') % (
                self.lot_id.name, self.planned_lot_id.name, self.product_id.display_name))
        warning = move_line and move_line._lot_fefo_warning(self.lot_id) or False
        return [(self.planned_lot_id, self.lot_id, reason, warning)]
