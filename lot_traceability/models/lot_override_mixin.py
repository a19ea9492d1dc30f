# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class LotOverrideMixin(models.AbstractModel):
    """A line that consumes a planned lot (picking operation, produce wizard
    component): which lot was planned, and why the user took another."""
    _name = 'lot.override.mixin'
    _description = 'Planned lot and reason for a lot change'

    planned_lot_id = fields.Many2one(
        'stock.production.lot', string='Planned Lot', readonly=True,
        help='The lot the reservation chose for this line.')
    lot_override_reason = fields.Char(
        string='Lot Change Reason',
        help='Required when the lot differs from the planned one.')
    lot_is_override = fields.Boolean(compute='_compute_lot_is_override')

    @api.depends('lot_id', 'planned_lot_id')
    def _compute_lot_is_override(self):
        for line in self:
            line.lot_is_override = bool(
                line.lot_id and line.planned_lot_id and line.lot_id != line.planned_lot_id)
