# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The addon is installed in the test database, with its menu."""
from odoo.tests.common import TransactionCase

import factories


class TestInstall(TransactionCase):

    def test_addon_installed_with_nothing_left_pending(self):
        module = self.env['ir.module.module'].search([('name', '=', 'lot_traceability')])
        self.assertEqual(module.state, 'installed')
        self.assertEqual(module.latest_version, '11.0.1.1.0')
        pending = self.env['ir.module.module'].search(
            [('state', 'in', ('to install', 'to upgrade', 'to remove'))])
        self.assertFalse(pending, 'modules left half-installed: %s' % pending.mapped('name'))

    def test_dependencies_installed(self):
        names = ['stock', 'mrp', 'sale_stock', 'purchase', 'product_expiry', 'barcodes']
        modules = self.env['ir.module.module'].search([('name', 'in', names)])
        self.assertEqual(sorted(modules.mapped('name')), sorted(names))
        self.assertEqual(set(modules.mapped('state')), {'installed'})

    def test_traceability_menu_under_inventory(self):
        menu = self.env.ref('lot_traceability.menu_lot_traceability_root')
        self.assertEqual(menu.parent_id, self.env.ref('stock.menu_stock_root'))
        self.assertEqual(menu.complete_name, 'Inventory/Traceability')

    def test_traceability_menu_visible_to_stock_user(self):
        user = factories.user(self.env, 'Warehouse Worker', 'worker_menu_test',
                              ['stock.group_stock_user'])
        visible = self.env['ir.ui.menu'].sudo(user)._visible_menu_ids()
        self.assertIn(self.env.ref('lot_traceability.menu_lot_traceability_root').id, visible)

    def test_lots_enabled_for_internal_users(self):
        self.assertIn(self.env.ref('stock.group_production_lot'),
                      self.env.ref('base.group_user').implied_ids)
