# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lots belong to a company; users of another company do not see them."""
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

import factories


class TestLotCompany(TransactionCase):

    def setUp(self):
        super(TestLotCompany, self).setUp()
        self.product = self.env.ref('product.product_product_27')
        self.other_company = self.env['res.company'].create({'name': 'Other Co'})
        self.other_user = factories.user(self.env, 'Other Co worker', 'other_co_worker',
                                         ['stock.group_stock_user'],
                                         company=self.other_company)

    def test_new_lot_takes_the_user_company(self):
        lot = self.env['stock.production.lot'].create(
            {'name': 'CO-1', 'product_id': self.product.id})
        self.assertEqual(lot.company_id, self.env.user.company_id)

    def test_other_company_user_cannot_read_lot(self):
        lot = self.env['stock.production.lot'].create(
            {'name': 'CO-2', 'product_id': self.product.id})
        lots_seen = self.env['stock.production.lot'].sudo(self.other_user).search(
            [('name', '=', 'CO-2')])
        self.assertFalse(lots_seen)
        with self.assertRaises(AccessError):
            lot.sudo(self.other_user).read(['name'])
