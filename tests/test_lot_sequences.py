# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lot sequences: product, then category (nearest first), then company
default; archived or deleted sequences are skipped; lot names unique per
product and company."""
import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

import factories


class TestLotSequences(TransactionCase):

    def setUp(self):
        super(TestLotSequences, self).setUp()
        Seq = self.env['ir.sequence']
        self.company = self.env.user.company_id
        self.seq_company = self.env.ref('lot_traceability.seq_lot_default')
        self.seq_parent = Seq.create({'name': 'Parent cat', 'prefix': 'PC-', 'padding': 3,
                                      'lot_sequence': True})
        self.seq_categ = Seq.create({'name': 'Cat', 'prefix': 'RM-%(year)s-', 'padding': 4,
                                     'lot_sequence': True})
        self.seq_product = Seq.create({'name': 'Product', 'prefix': 'P-', 'padding': 5,
                                       'lot_sequence': True})
        self.parent_categ = self.env['product.category'].create({'name': 'Raw'})
        self.categ = self.env['product.category'].create({
            'name': 'Flour', 'parent_id': self.parent_categ.id})
        self.product = self.env['product.product'].create({
            'name': 'Wheat flour', 'type': 'product', 'tracking': 'lot',
            'categ_id': self.categ.id})
        self.Lot = self.env['stock.production.lot']

    def _next(self):
        return self.Lot._next_lot_name(self.product, self.company)

    def test_company_default_is_installed(self):
        self.assertEqual(self.company.lot_sequence_id, self.seq_company)
        self.assertEqual(self.seq_company.implementation, 'standard')
        self.assertRegex(self._next(), r'^LOT/\d{4}/\d{6}$')

    def test_precedence_product_category_company(self):
        self.parent_categ.lot_sequence_id = self.seq_parent
        self.assertRegex(self._next(), r'^PC-\d{3}$')
        self.categ.lot_sequence_id = self.seq_categ
        self.assertRegex(self._next(), r'^RM-\d{4}-\d{4}$')
        self.product.lot_sequence_id = self.seq_product
        self.assertEqual(self._next(), 'P-00001')
        self.assertEqual(self._next(), 'P-00002')

    def test_archived_and_deleted_sequences_fall_back(self):
        self.product.lot_sequence_id = self.seq_product
        self.categ.lot_sequence_id = self.seq_categ
        self.seq_product.active = False
        self.assertTrue(self._next().startswith('RM-'))
        self.seq_categ.unlink()
        self.assertFalse(self.categ.lot_sequence_id)
        self.assertTrue(self._next().startswith('LOT/'))

    def test_no_sequence_at_all_names_the_product(self):
        self.company.lot_sequence_id = False
        with self.assertRaises(UserError) as error:
            self._next()
        self.assertIn('Wheat flour', error.exception.name)

    def test_generated_name_skips_a_name_typed_by_hand(self):
        self.product.lot_sequence_id = self.seq_product
        self.Lot.create({'name': 'P-00001', 'product_id': self.product.id})
        self.assertEqual(self._next(), 'P-00002')

    def test_preview_does_not_consume(self):
        self.assertEqual(self.seq_product.lot_next_preview, 'P-00001')
        self.seq_product.invalidate_cache()
        self.assertEqual(self.seq_product.lot_next_preview, 'P-00001')
        self.product.lot_sequence_id = self.seq_product
        self.assertEqual(self._next(), 'P-00001')
        self.seq_product.invalidate_cache()
        self.assertEqual(self.seq_product.lot_next_preview, 'P-00002')

    def test_existing_name_for_same_product_is_refused_clearly(self):
        self.Lot.create({'name': 'DUP-1', 'product_id': self.product.id})
        with self.assertRaises(ValidationError) as error:
            self.Lot.create({'name': 'DUP-1', 'product_id': self.product.id})
        self.assertIn('DUP-1', error.exception.name)
        self.assertIn('Wheat flour', error.exception.name)
        # another product may use the same name
        other = self.env['product.product'].create({'name': 'Rye', 'type': 'product',
                                                    'tracking': 'lot'})
        self.Lot.create({'name': 'DUP-1', 'product_id': other.id})

    def test_database_constraint_is_per_company(self):
        other_company = self.env['res.company'].create({'name': 'Other Mill'})
        self.assertTrue(other_company.lot_sequence_id.lot_sequence)
        self.Lot.create({'name': 'C-1', 'product_id': self.product.id})
        self.Lot.create({'name': 'C-1', 'product_id': self.product.id,
                         'company_id': other_company.id})
        # bypassing the ORM check, the database still refuses a duplicate
        with mute_logger('odoo.sql_db'), self.assertRaises(psycopg2.IntegrityError):
            with self.cr.savepoint():
                self.cr.execute(
                    "INSERT INTO stock_production_lot (name, product_id, company_id) "
                    "VALUES ('C-1', %s, %s)", (self.product.id, self.company.id))

    def test_only_inventory_managers_change_sequences(self):
        # a purchase manager may edit products and categories, not their lot sequence
        user = factories.user(self.env, 'Buyer', 'lotseq_buyer',
                              ['stock.group_stock_user', 'purchase.group_purchase_manager'])
        template = self.product.product_tmpl_id.sudo(user)
        template.write({'name': 'Wheat flour T55'})
        self.categ.sudo(user).write({'name': 'Flours'})
        with self.assertRaises(AccessError):
            template.write({'lot_sequence_id': self.seq_product.id})
        with self.assertRaises(AccessError):
            self.categ.sudo(user).write({'lot_sequence_id': self.seq_product.id})
        manager = factories.user(self.env, 'Stock manager', 'lotseq_manager',
                                 ['stock.group_stock_manager'])
        seq = self.env['ir.sequence'].sudo(manager).create({
            'name': 'By manager', 'prefix': 'M-', 'lot_sequence': True})
        self.categ.sudo(manager).write({'lot_sequence_id': seq.id})
        self.assertEqual(self.categ.lot_sequence_id, seq)
        seq.sudo(manager).write({'prefix': 'MM-'})
        # ...but not the other sequences of the database
        picking_seq = self.env['stock.picking.type'].search([], limit=1).sequence_id
        with self.assertRaises(AccessError):
            picking_seq.sudo(manager).write({'prefix': 'X/'})
        with self.assertRaises(AccessError):
            self.env['ir.sequence'].sudo(manager).create({'name': 'Not a lot sequence'})

    def test_preview_of_an_invalid_prefix_is_empty(self):
        self.seq_product.prefix = 'P-%(nope)s-'
        self.assertFalse(self.seq_product.lot_next_preview)
