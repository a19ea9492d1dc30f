# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import float_compare


class StockMoveLine(models.Model):
    _inherit = 'stock.move.line'

    @api.multi
    def _split_serial_lines(self, done_only):
        """Serial-tracked lines carrying more than one unit become one line
        per unit, so that each unit gets its own serial number. Returns the
        lines (the originals and the new ones)."""
        result = self.env['stock.move.line']
        for line in self:
            rounding = line.product_uom_id.rounding
            field = 'qty_done' if (done_only or line.qty_done) else 'product_uom_qty'
            units = line[field]
            if line.product_id.tracking != 'serial' or float_compare(units, 1, precision_rounding=rounding) <= 0:
                result |= line
                continue
            if float_compare(units, int(units), precision_rounding=rounding) != 0:
                result |= line  # a fractional serial quantity: let stock refuse it
                continue
            line.write({field: 1})
            result |= line
            copy_vals = {'qty_done': 1 if field == 'qty_done' else 0,
                         'product_uom_qty': 0 if field == 'qty_done' else 1,
                         'lot_id': False, 'lot_name': False}
            for _unit in range(int(units) - 1):
                result |= line.copy(copy_vals)
        return result
