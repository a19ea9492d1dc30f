# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pick guidance: the transfer's pick list and the printed picking list show
lot, location, quantity and expiry, sorted by location."""
from fefo_common import FefoCase, utc


class TestPickGuidance(FefoCase):

    def test_pick_list_sorted_by_location_with_expiry(self):
        Location = self.env['stock.location']
        shelf_b = Location.create({'name': 'Shelf B', 'location_id': self.stock.id})
        shelf_a = Location.create({'name': 'Shelf A', 'location_id': self.stock.id})
        self.make_lot('G-FIRST', utc(3), location=shelf_b)
        self.make_lot('G-SECOND', utc(30), location=shelf_a)
        picking = self.delivery(15)
        # reserved FEFO: first expiring (on shelf B) first
        self.assertEqual(self.reserved(picking), [('G-FIRST', 10.0), ('G-SECOND', 5.0)])
        guidance = picking.pick_guidance_line_ids
        self.assertEqual(guidance.mapped('location_id'), shelf_a | shelf_b)
        self.assertEqual(guidance.mapped('lot_id.name'), ['G-SECOND', 'G-FIRST'])
        self.assertEqual(guidance.mapped('product_uom_qty'), [5.0, 10.0])
        self.assertTrue(all(guidance.mapped('lot_life_date')))

        html = self.env.ref('stock.action_report_picking').render_qweb_html(picking.ids)[0]
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn('Pick List', html)
        self.assertIn('Expiry', html)
        table = html[html.index('o_pick_guidance'):]
        self.assertLess(table.index('Shelf A'), table.index('Shelf B'))
        self.assertLess(table.index('G-SECOND'), table.index('G-FIRST'))
