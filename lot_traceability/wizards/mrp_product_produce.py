# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models


class MrpProductProduce(models.TransientModel):
    _inherit = 'mrp.product.produce'

    @api.multi
    def do_produce(self):
        # Before mrp links the consumed components to the finished lot (and
        # asks "You need to provide a lot for the finished product"): each
        # produce step without a lot gets a new one from the sequence.
        for wizard in self:
            if wizard.product_id.tracking != 'none' and not wizard.lot_id:
                production = wizard.production_id
                wizard.lot_id = self.env['stock.production.lot']._create_auto_lot(
                    wizard.product_id, production.company_id,
                    {'production_id': production.id})
                production.message_post(body=_('Lot %s created for %s %s.') % (
                    wizard.lot_id.name, wizard.product_qty, wizard.product_uom_id.name))
        return super(MrpProductProduce, self).do_produce()
