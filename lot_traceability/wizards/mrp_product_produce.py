# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import OrderedDict

from odoo import _, api, models
from odoo.tools.float_utils import float_compare

from ..tools.chatter import html_body


class MrpProductProduce(models.TransientModel):
    _inherit = 'mrp.product.produce'

    @api.model
    def default_get(self, fields_list):
        # shown in the wizard; do_produce decides from the reservation again
        res = super(MrpProductProduce, self).default_get(fields_list)
        for command in res.get('produce_line_ids') or []:
            if len(command) == 3 and command[0] == 0 and command[2].get('lot_id'):
                command[2]['planned_lot_id'] = command[2]['lot_id']
        return res

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
                production.message_post(body=html_body(
                    _('Lot %s created for %s %s.'), wizard.lot_id.name, wizard.product_qty,
                    wizard.product_uom_id.name))
        self._lot_set_planned_lots()
        overrides = []
        for line in self.produce_line_ids.filtered(lambda line: line.qty_done and line.lot_id):
            overrides += line._lot_check_override()
        result = super(MrpProductProduce, self).do_produce()
        Log = self.env['lot.override.log']
        for planned, used, reason, warning in overrides:
            Log._record(planned, used, reason, warning, production=self.production_id)
        self._lot_number_byproducts()
        return result

    def _lot_number_byproducts(self):
        """Byproduct lines this step recorded without a lot (mrp_byproduct
        creates them so) get a new lot from the sequence, linked to the order
        like the finished product's."""
        for wizard in self:
            production = wizard.production_id
            lines = production.move_finished_ids.filtered(
                lambda move: move.product_id != production.product_id and
                move.has_tracking != 'none' and
                move.state not in ('done', 'cancel')).mapped('move_line_ids').filtered(
                lambda line: not line.lot_id and not line.lot_name and line.qty_done > 0)
            for line in lines:
                lot = self.env['stock.production.lot']._create_auto_lot(
                    line.product_id, production.company_id, {'production_id': production.id})
                line.lot_id = lot
                production.message_post(body=html_body(
                    _('Lot %s created for %s %s.'), lot.name, line.qty_done,
                    line.product_uom_id.name))

    def _lot_set_planned_lots(self):
        """The planned lot of each component line, from the MO's reservation,
        never the value the client sent: a line consuming a reserved lot
        planned that lot; a line consuming another lot replaces a reserved
        lot whose quantity no line consumes (the first such, in reservation
        order); with none left, nothing was planned for it (extra
        consumption)."""
        for wizard in self:
            production = wizard.production_id
            groups = OrderedDict()
            for line in wizard.produce_line_ids:
                move = line.move_id
                if move.raw_material_production_id != production:
                    move = production.move_raw_ids.filtered(
                        lambda rec: rec.product_id == line.product_id and
                        rec.state not in ('done', 'cancel'))[:1]
                groups.setdefault(move, wizard.produce_line_ids.browse())
                groups[move] |= line
            for move, lines in groups.items():
                wizard._lot_set_planned_lots_of(move, lines)

    def _lot_set_planned_lots_of(self, move, lines):
        rounding = move.product_uom.rounding or 0.001
        left = OrderedDict()
        for move_line in move.move_line_ids:
            if move_line.lot_id and not move_line.lot_produced_id:
                left[move_line.lot_id] = left.get(move_line.lot_id, 0.0) + \
                    move_line.product_uom_qty - move_line.qty_done
        consuming = lines.filtered(lambda rec: rec.lot_id and float_compare(
            rec.qty_done, 0, precision_rounding=rounding) > 0)
        planned = {}
        for line in consuming.filtered(lambda rec: rec.lot_id in left):
            planned[line] = line.lot_id
            left[line.lot_id] -= line.qty_done
        for line in consuming.filtered(lambda rec: rec not in planned):
            for lot, quantity in left.items():
                if float_compare(quantity, 0, precision_rounding=rounding) > 0:
                    planned[line] = lot
                    left[lot] -= line.qty_done
                    break
        for line in lines:
            line.planned_lot_id = planned.get(line, self.env['stock.production.lot'])
