# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MrpProduction(models.Model):
    _name = 'mrp.production'
    _inherit = ['mrp.production', 'lot.scan.mixin']

    # ------------------------------------------------------------ scanning
    def _lot_scan_move_domain(self):
        """Scans on a manufacturing order check the components it consumes."""
        return [('raw_material_production_id', '=', self.id)]
