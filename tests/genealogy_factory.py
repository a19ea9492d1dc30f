# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Builds real lot histories through Odoo's own flows (purchase receipts,
manufacturing orders with the produce wizard, sale deliveries, returns,
unbuilds, scrap), for the genealogy and trace tests."""
from datetime import datetime, timedelta

from odoo import fields

import factories


class GenealogyFactory(object):

    def __init__(self, env):
        self.env = env
        self.stock = env.ref('stock.stock_location_stock')
        self.customers = env.ref('stock.stock_location_customers')
        self.suppliers = env.ref('stock.stock_location_suppliers')
        self.uom = env.ref('product.product_uom_unit')
        self.type_out = env.ref('stock.picking_type_out')
        self.type_in = env.ref('stock.picking_type_in')
        self.counter = 0
        # every operation happens an hour after the previous one (the native
        # report follows a lot through stock by strictly increasing dates)
        self.clock = datetime(2026, 1, 5, 8, 0, 0)

    def _name(self, prefix):
        self.counter += 1
        return '%s-%03d' % (prefix, self.counter)

    def _stamp(self, moves):
        """Date MOVES (stock.move) and their lines at the next tick."""
        self.clock += timedelta(hours=1)
        when = fields.Datetime.to_string(self.clock)
        self.env.cr.execute('UPDATE stock_move_line SET date = %s WHERE move_id = ANY(%s)',
                            (when, moves.ids))
        self.env.cr.execute('UPDATE stock_move SET date = %s WHERE id = ANY(%s)',
                            (when, moves.ids))
        self.env.cr.execute('UPDATE lot_genealogy_edge SET date = %s WHERE production_id IN '
                            '(SELECT raw_material_production_id FROM stock_move '
                            ' WHERE id = ANY(%s))', (when, moves.ids))
        self.env['stock.move.line'].invalidate_cache()
        self.env['stock.move'].invalidate_cache()
        self.env['lot.genealogy.edge'].invalidate_cache()

    def product(self, name):
        return factories.product(self.env, name, uom_id=self.uom.id, uom_po_id=self.uom.id)

    def lot(self, product, name=None):
        return factories.lot(self.env, product, name or self._name('LOT'))

    def partner(self, name):
        return self.env['res.partner'].create({'name': name})

    def bom(self, product, components, qty=1.0):
        """COMPONENTS: [(product, qty per QTY finished)]."""
        return factories.bom(self.env, product, components, qty)

    def put_in_stock(self, lot, qty):
        factories.add_stock(self.env, lot.product_id, self.stock, qty, lot=lot)

    def receive(self, lot, qty, vendor):
        """A purchase order for LOT's product, received as LOT."""
        order = factories.purchase(self.env, vendor, lot.product_id, qty, fields.Datetime.now())
        picking = order.picking_ids
        self._done_with_lot(picking, lot, qty)
        return order, picking

    def produce(self, product, consumption, qty=1.0, lot=None, bom=None):
        """A manufacturing order making QTY of PRODUCT into LOT (new when None),
        consuming CONSUMPTION = [(component lot, qty)]; marked done."""
        bom = bom or self.env['mrp.bom']._bom_find(product=product)
        order = factories.production(self.env, product, qty, bom)
        lot = lot or self.lot(product)
        lines = []
        for component_lot, consumed in consumption:
            move = order.move_raw_ids.filtered(
                lambda m: m.product_id == component_lot.product_id)[:1]
            lines.append((0, 0, {
                'move_id': move.id, 'product_id': component_lot.product_id.id,
                'lot_id': component_lot.id, 'qty_done': consumed,
                'qty_to_consume': consumed, 'product_uom_id': self.uom.id,
            }))
        wizard = self.env['mrp.product.produce'].with_context(active_id=order.id).create({
            'product_qty': qty, 'lot_id': lot.id, 'produce_line_ids': lines,
        })
        wizard.do_produce()
        order.button_mark_done()
        self._stamp(order.move_raw_ids | order.move_finished_ids)
        return order, lot

    def _done_with_lot(self, picking, lot, qty):
        picking.do_unreserve()
        move = picking.move_lines.filtered(lambda m: m.product_id == lot.product_id)[:1]
        factories.done_line(self.env, move, lot, qty)
        picking.action_done()
        self._stamp(picking.move_lines)
        return picking

    def sell(self, lot, qty, customer):
        """A confirmed sale order delivered from LOT."""
        order = self.env['sale.order'].create({
            'partner_id': customer.id,
            'order_line': [(0, 0, {
                'product_id': lot.product_id.id, 'name': lot.product_id.name,
                'product_uom_qty': qty, 'product_uom': self.uom.id, 'price_unit': 1.0,
            })],
        })
        order.action_confirm()
        picking = order.picking_ids
        self._done_with_lot(picking, lot, qty)
        return order, picking

    def _picking(self, picking_type, source, dest, partner, lot, qty):
        picking = factories.picking(self.env, picking_type, source, dest,
                                    [(lot.product_id, qty)], partner=partner)
        return self._done_with_lot(picking, lot, qty)

    def deliver(self, lot, qty, customer):
        """A delivery without a sale order."""
        return self._picking(self.type_out, self.stock, self.customers, customer, lot, qty)

    def customer_return(self, lot, qty, customer):
        return self._picking(self.type_in, self.customers, self.stock, customer, lot, qty)

    def scrap(self, lot, qty):
        scrap = self.env['stock.scrap'].create({
            'product_id': lot.product_id.id, 'lot_id': lot.id, 'scrap_qty': qty,
            'product_uom_id': self.uom.id, 'location_id': self.stock.id,
        })
        scrap.do_scrap()
        self._stamp(scrap.move_id)
        return scrap

    def unbuild(self, production, lot, qty):
        unbuild = self.env['mrp.unbuild'].create({
            'product_id': production.product_id.id, 'bom_id': production.bom_id.id,
            'mo_id': production.id, 'lot_id': lot.id, 'product_qty': qty,
            'product_uom_id': self.uom.id,
        })
        unbuild.action_unbuild()
        self._stamp(unbuild.produce_line_ids | unbuild.consume_line_ids)
        return unbuild

    def edges(self, **domain):
        return self.env['lot.genealogy.edge'].search(
            [(key, '=', value.id) for key, value in domain.items()])
