# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Manufacturing: each produce step without a lot gets a new lot from the
product's sequence, linked to its MO, with product_expiry's dates."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests.common import TransactionCase


class TestMrpLots(TransactionCase):

    def setUp(self):
        super(TestMrpLots, self).setUp()
        self.seq = self.env['ir.sequence'].create({
            'name': 'Bread lots', 'prefix': 'FG-', 'padding': 4, 'lot_sequence': True})
        self.bread = self.env['product.product'].create({
            'name': 'Bread', 'type': 'product', 'tracking': 'lot',
            'lot_sequence_id': self.seq.id, 'life_time': 10, 'use_time': 4})
        self.water = self.env['product.product'].create({'name': 'Water', 'type': 'consu'})
        self.bom = self.env['mrp.bom'].create({
            'product_tmpl_id': self.bread.product_tmpl_id.id, 'product_qty': 1,
            'bom_line_ids': [(0, 0, {'product_id': self.water.id, 'product_qty': 1})]})
        self.mo_type = self.env.ref('mrp.picking_type_manufacturing')
        self.mo_type.print_lot_labels = False

    def _mo(self, qty, product=None):
        product = product or self.bread
        mo = self.env['mrp.production'].create({
            'product_id': product.id, 'product_qty': qty,
            'product_uom_id': product.uom_id.id,
            'bom_id': self.env['mrp.bom']._bom_find(product=product).id,
        })
        mo.action_assign()
        return mo

    def _produce(self, mo, qty, lot=None):
        vals = {'product_qty': qty}
        if lot:
            vals['lot_id'] = lot.id
        wizard = self.env['mrp.product.produce'].with_context(
            active_id=mo.id, active_ids=[mo.id]).create(vals)
        wizard.do_produce()
        return wizard

    def test_partial_produce_gives_two_lots(self):
        mo = self._mo(10)
        first = self._produce(mo, 4).lot_id
        second = self._produce(mo, 6).lot_id
        self.assertEqual((first.name, second.name), ('FG-0001', 'FG-0002'))
        mo.button_mark_done()
        self.assertEqual(mo.state, 'done')
        self.assertEqual(mo.created_lot_ids, first | second)
        self.assertEqual(first.production_id, mo)
        self.assertEqual(first.product_qty, 4)
        self.assertEqual(second.product_qty, 6)
        self.assertEqual(first.company_id, mo.company_id)
        action = mo.action_view_created_lots()
        self.assertEqual(self.env['stock.production.lot'].search(action['domain']), first | second)

    def test_given_lot_is_kept(self):
        lot = self.env['stock.production.lot'].create(
            {'name': 'HAND-1', 'product_id': self.bread.id})
        mo = self._mo(2)
        self.assertEqual(self._produce(mo, 2, lot).lot_id, lot)
        self.assertFalse(mo.created_lot_ids)
        self.assertFalse(self.env['stock.production.lot'].search(
            [('name', '=like', 'FG-%'), ('product_id', '=', self.bread.id)]))

    def test_expiry_dates_follow_product_times(self):
        before = datetime.now()
        lot = self._produce(self._mo(1), 1).lot_id
        after = datetime.now()
        life = fields.Datetime.from_string(lot.life_date)
        use = fields.Datetime.from_string(lot.use_date)
        self.assertTrue(before + timedelta(days=10) - timedelta(seconds=1) <= life
                        <= after + timedelta(days=10))
        self.assertTrue(before + timedelta(days=4) - timedelta(seconds=1) <= use
                        <= after + timedelta(days=4))
        self.assertFalse(lot.removal_date)

    def test_serial_product_one_serial_per_step(self):
        self.bread.tracking = 'serial'
        mo = self._mo(2)
        one = self._produce(mo, 1).lot_id
        two = self._produce(mo, 1).lot_id
        self.assertNotEqual(one, two)
        mo.button_mark_done()
        self.assertEqual(mo.created_lot_ids, one | two)

    def test_labels_on_mark_done(self):
        self.mo_type.print_lot_labels = True
        mo = self._mo(3)
        mo.picking_type_id = self.mo_type
        lot = self._produce(mo, 3).lot_id
        action = mo.button_mark_done()
        self.assertEqual(action['type'], 'ir.actions.report')
        self.assertEqual(action['context']['active_ids'], lot.ids)
