# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class StockPicking(models.Model):
    _name = 'stock.picking'
    _inherit = ['stock.picking', 'lot.scan.mixin']

    # ------------------------------------------------------------ scanning
    def _lot_scan_move_domain(self):
        return [('picking_id', '=', self.id)]

    def _lot_scan_can_create_lots(self):
        """Receipts whose operation type creates lots: unknown lots are new lots."""
        return self.picking_type_id.code == 'incoming' and self.picking_type_id.use_create_lots
