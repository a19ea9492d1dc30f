# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Genealogy edges follow manufacturing orders: done, unbuilt, cancelled,
scrapped, and can be rebuilt from Odoo's consumption links."""
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

import factories
from genealogy_factory import GenealogyFactory


class TestGenealogyEdges(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestGenealogyEdges, cls).setUpClass()
        cls.f = f = GenealogyFactory(cls.env)
        cls.flour = f.product('Flour')
        cls.sugar = f.product('Sugar')
        cls.dough = f.product('Dough')
        cls.cake = f.product('Cake')
        f.bom(cls.dough, [(cls.flour, 2.0), (cls.sugar, 1.0)])
        f.bom(cls.cake, [(cls.dough, 1.0), (cls.sugar, 1.0)])
        cls.flour_lot = f.lot(cls.flour, 'FLOUR-1')
        cls.sugar_lot = f.lot(cls.sugar, 'SUGAR-1')
        f.put_in_stock(cls.flour_lot, 100)
        f.put_in_stock(cls.sugar_lot, 100)

    def test_done_order_links_finished_lot_to_each_component_lot(self):
        order, dough_lot = self.f.produce(
            self.dough, [(self.flour_lot, 4.0), (self.sugar_lot, 2.0)], qty=2.0)
        edges = self.f.edges(finished_lot_id=dough_lot)
        self.assertEqual(
            sorted((e.component_lot_id.name, e.qty, e.finished_qty) for e in edges),
            [('FLOUR-1', 4.0, 2.0), ('SUGAR-1', 2.0, 2.0)])
        self.assertEqual(edges.mapped('production_id'), order)
        self.assertEqual(edges.mapped('user_id'), self.env.user)
        self.assertEqual(edges.mapped('company_id'), dough_lot.company_id)
        # the lot form's tabs read the same edges
        self.assertEqual(dough_lot.genealogy_component_edge_ids, edges)
        self.assertEqual(self.flour_lot.genealogy_finished_edge_ids.mapped('finished_lot_id'),
                         dough_lot)

    def test_multi_level_orders_chain_edges(self):
        _o1, dough_lot = self.f.produce(self.dough, [(self.flour_lot, 2.0), (self.sugar_lot, 1.0)])
        _o2, cake_lot = self.f.produce(self.cake, [(dough_lot, 1.0), (self.sugar_lot, 1.0)])
        self.assertEqual(
            sorted(self.f.edges(finished_lot_id=cake_lot).mapped('component_lot_id.name')),
            sorted([dough_lot.name, 'SUGAR-1']))
        self.assertEqual(self.f.edges(component_lot_id=dough_lot).mapped('finished_lot_id'),
                         cake_lot)

    def test_one_lot_consumed_partly_by_several_orders(self):
        _o1, dough_a = self.f.produce(self.dough, [(self.flour_lot, 2.0), (self.sugar_lot, 1.0)])
        _o2, dough_b = self.f.produce(self.dough, [(self.flour_lot, 6.0), (self.sugar_lot, 3.0)],
                                      qty=3.0)
        used_in = self.f.edges(component_lot_id=self.flour_lot)
        self.assertEqual(sorted((e.finished_lot_id.name, e.qty) for e in used_in),
                         sorted([(dough_a.name, 2.0), (dough_b.name, 6.0)]))

    def test_full_unbuild_removes_the_edges(self):
        order, dough_lot = self.f.produce(
            self.dough, [(self.flour_lot, 4.0), (self.sugar_lot, 2.0)], qty=2.0)
        self.assertEqual(len(self.f.edges(finished_lot_id=dough_lot)), 2)
        self.f.unbuild(order, dough_lot, 2.0)
        self.assertFalse(self.f.edges(finished_lot_id=dough_lot))
        # the component lots are back in stock, not "used in" anything
        self.assertFalse(self.flour_lot.genealogy_finished_edge_ids)

    def test_partial_unbuild_reduces_the_edges(self):
        order, dough_lot = self.f.produce(
            self.dough, [(self.flour_lot, 4.0), (self.sugar_lot, 2.0)], qty=2.0)
        self.f.unbuild(order, dough_lot, 1.0)
        edges = self.f.edges(finished_lot_id=dough_lot)
        self.assertEqual(sorted((e.component_lot_id.name, e.qty, e.finished_qty) for e in edges),
                         [('FLOUR-1', 2.0, 1.0), ('SUGAR-1', 1.0, 1.0)])

    def test_unbuild_links_are_not_read_as_genealogy(self):
        """Odoo writes unbuilds into the same consume/produce table the other
        way round; a rebuild must not turn them into reversed edges."""
        order, dough_lot = self.f.produce(
            self.dough, [(self.flour_lot, 4.0), (self.sugar_lot, 2.0)], qty=2.0)
        self.f.unbuild(order, dough_lot, 1.0)
        before = sorted((e.finished_lot_id.id, e.component_lot_id.id, e.qty)
                        for e in self.env['lot.genealogy.edge'].search([]))
        self.env['lot.genealogy.edge']._rebuild_genealogy()
        after = sorted((e.finished_lot_id.id, e.component_lot_id.id, e.qty)
                       for e in self.env['lot.genealogy.edge'].search([]))
        self.assertEqual(before, after)
        self.assertFalse(self.f.edges(finished_lot_id=self.flour_lot))

    def test_rebuild_restores_lost_edges(self):
        _o1, dough_lot = self.f.produce(self.dough, [(self.flour_lot, 2.0), (self.sugar_lot, 1.0)])
        _o2, cake_lot = self.f.produce(self.cake, [(dough_lot, 1.0), (self.sugar_lot, 1.0)])
        expected = sorted((e.production_id.id, e.finished_lot_id.id, e.component_lot_id.id,
                           e.qty, e.finished_qty, e.user_id.id)
                          for e in self.env['lot.genealogy.edge'].search([]))
        self.env.cr.execute('DELETE FROM lot_genealogy_edge')
        self.env['lot.genealogy.edge'].invalidate_cache()
        action = self.env['lot.genealogy.edge'].action_rebuild_genealogy()
        self.assertEqual(action['res_model'], 'lot.genealogy.edge')
        rebuilt = sorted((e.production_id.id, e.finished_lot_id.id, e.component_lot_id.id,
                          e.qty, e.finished_qty, e.user_id.id)
                         for e in self.env['lot.genealogy.edge'].search([]))
        self.assertEqual(rebuilt, expected)
        self.assertIn(cake_lot.id, [row[1] for row in rebuilt])

    def test_rebuild_is_for_inventory_managers(self):
        user = factories.user(self.env, 'Stock worker', 'genealogy_worker',
                              ['stock.group_stock_user'])
        with self.assertRaises(AccessError):
            self.env['lot.genealogy.edge'].sudo(user).action_rebuild_genealogy()
        # but they can read the genealogy
        _o, dough_lot = self.f.produce(self.dough, [(self.flour_lot, 2.0), (self.sugar_lot, 1.0)])
        self.assertEqual(len(dough_lot.sudo(user).genealogy_component_edge_ids), 2)

    def test_cancelled_order_leaves_no_edges(self):
        bom = self.env['mrp.bom']._bom_find(product=self.dough)
        order = self.env['mrp.production'].create({
            'product_id': self.dough.id, 'product_qty': 1.0,
            'product_uom_id': self.f.uom.id, 'bom_id': bom.id,
        })
        order.action_cancel()
        self.assertFalse(self.env['lot.genealogy.edge'].search([('production_id', '=', order.id)]))

    def test_scrapping_a_finished_lot_keeps_its_genealogy(self):
        _o, dough_lot = self.f.produce(self.dough, [(self.flour_lot, 2.0), (self.sugar_lot, 1.0)])
        self.f.scrap(dough_lot, 1.0)
        self.assertEqual(len(self.f.edges(finished_lot_id=dough_lot)), 2)
