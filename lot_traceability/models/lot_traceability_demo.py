# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo story's history, made through Odoo's normal flows.

Called once from demo/lot_traceability_demo.xml (demo data only). Every step
is what a user would do in the screens: confirm a PO and validate its
receipt, plan a manufacturing order and record its work orders as a named
operator, confirm a sale order and validate its delivery, return part of a
delivery, quarantine a lot, run a mock recall. Nothing writes a final state.

    HZN-0001 (NutCo, the bad lot) ─┐
    HNY-0001 (Golden Hive) ────────┼─► PMX-0001 ─┐
                                   │             ├─► GRN-0001 ─► FreshMart 40, Corner Deli 30,
    OAT-0001 (Harvest Mills) ──────┼─────────────┘               Hotel Bellevue 30
                                   │                             (Corner Deli returns 10: defect)
    HZN-0002 (NutCo) ──────────────┴─► PMX-0002 ─┬─► GRN-0002 ─► Green Basket 40, FreshMart 20
                                                 └─► GRN-0003 (in stock, put away)
"""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

MODULE = 'lot_traceability'
EXPIRY_FIELDS = ('life_date', 'use_date', 'removal_date', 'alert_date')


class LotTraceabilityDemo(models.AbstractModel):
    _name = 'lot.traceability.demo'
    _description = 'Lot Traceability Demo Story'

    # --- small helpers ------------------------------------------------------
    def _demo_ref(self, name):
        return self.env.ref('%s.%s' % (MODULE, name))

    def _demo_xmlid(self, name, record):
        """Give a record of the story an xml id (kept: noupdate)."""
        self.env['ir.model.data'].create({
            'module': MODULE, 'name': name, 'model': record._name,
            'res_id': record.id, 'noupdate': True})
        return record

    def _demo_check(self, condition, message):
        if not condition:
            raise UserError(_('Demo story: %s') % message)

    def _age_lot(self, lot, days):
        """The lot was made/received DAYS ago: its dates move back as well."""
        values = {}
        for name in EXPIRY_FIELDS:
            if lot[name]:
                values[name] = fields.Datetime.to_string(
                    fields.Datetime.from_string(lot[name]) - timedelta(days=days))
        if values:
            lot.write(values)

    # --- the flows ------------------------------------------------------------
    def _receive(self, vendor, product, qty):
        """Buy QTY of PRODUCT from VENDOR and validate the receipt: one new lot."""
        order = self.env['purchase.order'].create({
            'partner_id': vendor.id,
            'order_line': [(0, 0, {
                'product_id': product.id, 'name': product.display_name,
                'product_qty': qty, 'product_uom': product.uom_po_id.id,
                'price_unit': product.standard_price,
                'date_planned': fields.Datetime.now()})],
        })
        order.button_confirm()
        picking = order.picking_ids
        self._demo_check(len(picking) == 1, 'one receipt expected for %s' % order.name)
        for line in picking.move_line_ids:
            line.qty_done = line.product_uom_qty
        picking.button_validate()  # the lot is numbered from the product's sequence
        self._demo_check(picking.state == 'done', 'receipt %s not done' % picking.name)
        lot = picking.move_line_ids.mapped('lot_id')
        self._demo_check(len(lot) == 1, 'one lot expected on receipt %s' % picking.name)
        return order, lot

    def _open_production(self, bom, qty):
        product = bom.product_tmpl_id.product_variant_id
        production = self.env['mrp.production'].create({
            'product_id': product.id, 'product_qty': qty,
            'product_uom_id': bom.product_uom_id.id, 'bom_id': bom.id,
        })
        production.action_assign()
        self._demo_check(production.availability == 'assigned',
                    'components of %s not available' % production.name)
        production.button_plan()
        return production

    def _set_component_lots(self, workorder):
        """Record on the work order the lots reserved for it, as the operator does."""
        for line in workorder.active_move_line_ids.filtered(lambda l: not l.lot_id):
            reserved = line.move_id.move_line_ids.filtered(
                lambda l: l.done_wo and l.lot_id and l.product_uom_qty > 0)
            todo = line.qty_done
            for index, source in enumerate(reserved):
                qty = todo if index == len(reserved) - 1 else min(todo, source.product_uom_qty)
                if index == 0:
                    line.write({'lot_id': source.lot_id.id, 'qty_done': qty})
                else:
                    line.copy({'lot_id': source.lot_id.id, 'qty_done': qty,
                               'workorder_id': workorder.id, 'done_wo': False})
                todo -= qty
                if todo <= 0:
                    break

    def _produce(self, bom, qty, operators):
        """Make QTY with BOM: each work order started and recorded by its operator."""
        production = self._open_production(bom, qty)
        workorders = production.workorder_ids.sorted('id')
        for workorder, operator in zip(workorders, operators):
            workorder = workorder.sudo(operator)
            workorder.button_start()
            self._set_component_lots(workorder)
            workorder.record_production()  # the batch gets a new lot on its first step
        production.button_mark_done()
        self._demo_check(production.state == 'done', '%s not done' % production.name)
        lot = production.move_finished_ids.mapped('move_line_ids.lot_id')
        self._demo_check(len(lot) == 1, 'one finished lot expected on %s' % production.name)
        return production, lot

    def _put_away(self, lot, qty, location):
        """Move QTY of LOT from stock to LOCATION, the lot chosen by the worker."""
        stock = self.env.ref('stock.stock_location_stock')
        picking = self.env['stock.picking'].create({
            'picking_type_id': self.env.ref('stock.picking_type_internal').id,
            'location_id': stock.id, 'location_dest_id': location.id,
            'move_lines': [(0, 0, {
                'name': lot.product_id.display_name, 'product_id': lot.product_id.id,
                'product_uom_qty': qty, 'product_uom': lot.product_id.uom_id.id,
                'location_id': stock.id, 'location_dest_id': location.id})],
        })
        picking.action_confirm()
        move = picking.move_lines
        self.env['stock.move.line'].create(dict(
            move._prepare_move_line_vals(quantity=0), lot_id=lot.id, qty_done=qty))
        picking.button_validate()
        self._demo_check(picking.state == 'done', 'put-away %s not done' % picking.name)
        return picking

    def _sell(self, customer, product, qty, deliver=True):
        order = self.env['sale.order'].create({
            'partner_id': customer.id,
            'order_line': [(0, 0, {
                'product_id': product.id, 'name': product.display_name,
                'product_uom_qty': qty, 'product_uom': product.uom_id.id,
                'price_unit': product.list_price})],
        })
        if not deliver:
            return order
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        self._demo_check(picking.state == 'assigned', 'delivery %s not ready' % picking.name)
        for line in picking.move_line_ids:
            line.qty_done = line.product_uom_qty
        picking.button_validate()
        self._demo_check(picking.state == 'done', 'delivery %s not done' % picking.name)
        return order

    def _return(self, delivery, qty, reason, note, location):
        wizard = self.env['stock.return.picking'].with_context(
            active_id=delivery.id, active_ids=delivery.ids).create({
                'return_reason_id': reason.id, 'return_note': note,
                'location_id': location.id})
        wizard.product_return_moves.write({'quantity': qty})
        picking = self.env['stock.picking'].browse(wizard._create_returns()[0])
        for line in picking.move_line_ids:
            line.qty_done = line.product_uom_qty
        picking.button_validate()
        self._demo_check(picking.state == 'done', 'return %s not done' % picking.name)
        return picking

    # --- the story ------------------------------------------------------------
    @api.model
    def build_demo_story(self):
        if self.env.ref('%s.demo_lot_grn_0001' % MODULE, raise_if_not_found=False):
            return True
        oats = self._demo_ref('demo_product_oats')
        honey = self._demo_ref('demo_product_honey')
        hazelnuts = self._demo_ref('demo_product_hazelnuts')
        granola = self._demo_ref('demo_product_granola')
        green_basket = self._demo_ref('demo_customer_green_basket')
        marta, tom = self._demo_ref('demo_operator_marta'), self._demo_ref('demo_operator_tom')
        freshmart = self._demo_ref('demo_customer_freshmart')
        corner_deli = self._demo_ref('demo_customer_corner_deli')
        bellevue = self._demo_ref('demo_customer_bellevue')

        # 1. raw materials arrive (first hazelnut delivery: the bad lot)
        po, lot = self._receive(self._demo_ref('demo_vendor_harvest_mills'), oats, 300)
        self._demo_xmlid('demo_po_oats_1', po)
        self._age_lot(self._demo_xmlid('demo_lot_oat_0001', lot), 60)
        po, lot = self._receive(self._demo_ref('demo_vendor_golden_hive'), honey, 40)
        self._demo_xmlid('demo_po_honey_1', po)
        self._age_lot(self._demo_xmlid('demo_lot_hny_0001', lot), 60)
        po, lot = self._receive(self._demo_ref('demo_vendor_nutco'), hazelnuts, 12)
        self._demo_xmlid('demo_po_hazelnuts_1', po)
        self._age_lot(self._demo_xmlid('demo_lot_hzn_0001', lot), 55)

        # 2. first premix and granola batches, shipped to three customers
        mo, lot = self._produce(self._demo_ref('demo_bom_premix'), 20, [marta, marta])
        self._demo_xmlid('demo_mo_premix_1', mo)
        self._age_lot(self._demo_xmlid('demo_lot_pmx_0001', lot), 50)
        mo, lot = self._produce(self._demo_ref('demo_bom_granola'), 100, [tom, marta])
        self._demo_xmlid('demo_mo_granola_1', mo)
        self._age_lot(self._demo_xmlid('demo_lot_grn_0001', lot), 48)
        self._demo_xmlid('demo_so_freshmart_1', self._sell(freshmart, granola, 40))
        corner_order = self._demo_xmlid('demo_so_corner_deli_1', self._sell(corner_deli, granola, 30))
        self._demo_xmlid('demo_so_bellevue_1', self._sell(bellevue, granola, 30))

        # 3. second hazelnut delivery (good), two more granola batches
        po, lot = self._receive(self._demo_ref('demo_vendor_nutco'), hazelnuts, 40)
        self._demo_xmlid('demo_po_hazelnuts_2', po)
        self._age_lot(self._demo_xmlid('demo_lot_hzn_0002', lot), 30)
        mo, lot = self._produce(self._demo_ref('demo_bom_premix'), 60, [tom, marta])
        self._demo_xmlid('demo_mo_premix_2', mo)
        self._age_lot(self._demo_xmlid('demo_lot_pmx_0002', lot), 25)
        mo, lot = self._produce(self._demo_ref('demo_bom_granola'), 100, [tom, tom])
        self._demo_xmlid('demo_mo_granola_2', mo)
        self._age_lot(self._demo_xmlid('demo_lot_grn_0002', lot), 20)
        self._demo_xmlid('demo_so_green_basket_1', self._sell(green_basket, granola, 40))
        self._demo_xmlid('demo_so_freshmart_2', self._sell(freshmart, granola, 20))
        mo, lot = self._produce(self._demo_ref('demo_bom_granola'), 100, [tom, marta])
        self._demo_xmlid('demo_mo_granola_3', mo)
        self._age_lot(self._demo_xmlid('demo_lot_grn_0003', lot), 5)
        shelf = self._demo_xmlid('demo_location_finished_goods', self.env['stock.location'].create({
            'name': 'Finished Goods', 'usage': 'internal',
            'location_id': self.env.ref('stock.stock_location_stock').id}))
        self._put_away(lot, 100, shelf)

        # 4. Corner Deli complains and returns 10 jars of GRN-0001
        hold = self.env['stock.location'].create({
            'name': 'Quality Hold', 'usage': 'internal', 'return_location': True,
            'location_id': self.env.ref('stock.stock_location_stock').location_id.id})
        self._demo_xmlid('demo_location_quality_hold', hold)
        returned = self._return(
            corner_order.picking_ids, 10, self.env.ref('%s.return_reason_defect' % MODULE),
            'Bitter, rancid taste reported by three guests.', hold)
        self._demo_xmlid('demo_return_corner_deli', returned)
        self._demo_ref('demo_lot_grn_0001').action_quarantine(
            'Customer complaint (rancid taste), return %s: held until the root cause '
            'is known.' % returned.name)

        # 5. a closed mock recall (drill) on the honey lot
        self._mock_recall(self._demo_ref('demo_lot_hny_0001'))

        # 6. open work for the walkthrough
        po = self.env['purchase.order'].create({
            'partner_id': self._demo_ref('demo_vendor_harvest_mills').id,
            'order_line': [(0, 0, {
                'product_id': oats.id, 'name': oats.display_name, 'product_qty': 250,
                'product_uom': oats.uom_po_id.id, 'price_unit': oats.standard_price,
                'date_planned': fields.Datetime.now()})],
        })
        po.button_confirm()
        self._demo_xmlid('demo_po_oats_2', po)
        # the next batch's components wait at the line: the open order reserves
        # them there, so no reservation is left on WH/Stock itself (Odoo's own
        # tests change WH/Stock's usage, refused while something is reserved in it)
        stock = self.env.ref('stock.stock_location_stock')
        staging = self._demo_xmlid('demo_location_production_staging', self.env[
            'stock.location'].create({'name': 'Production Staging', 'usage': 'internal',
                                      'location_id': stock.id}))
        for name in ('demo_lot_pmx_0002', 'demo_lot_oat_0001'):
            lot = self._demo_ref(name)
            quants = self.env['stock.quant'].search(
                [('lot_id', '=', lot.id), ('location_id', '=', stock.id)])
            self._put_away(lot, sum(quants.mapped('quantity')), staging)
        self._demo_xmlid('demo_mo_granola_4', self._open_production(
            self._demo_ref('demo_bom_granola'), 100))
        self._demo_xmlid('demo_so_bellevue_2', self._sell(bellevue, granola, 30, deliver=False))
        return True

    def _mock_recall(self, lot):
        """The yearly recall drill, run on a honey lot and closed."""
        recall = self.env['lot.recall'].create({
            'reason': 'Mock recall (yearly drill): honey lot %s, as if Golden Hive Apiaries '
                      'had reported a residue finding.' % lot.name,
            'lot_ids': [(6, 0, lot.ids)],
            'is_drill': True,
        })
        recall.action_compute()
        recall.action_close()
        return self._demo_xmlid('demo_recall_drill_honey', recall)
