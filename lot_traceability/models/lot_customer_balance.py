# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What each customer holds of each lot: delivered, returned and net, in the
product's unit, from the done move lines to and from customer locations.
One home for "how much of this lot did this customer get" (lot form, the
customer's "Lots received")."""
from odoo import fields, models, tools

from ..tools import move_kind_sql

# quantities in the product's unit, rounded to it (Odoo's _compute_quantity);
# what a delivery, a dropship, a return and their customer are: tools/move_kind_sql.py
_VIEW = """
CREATE VIEW %s AS (
WITH lines AS (
    SELECT ml.id, ml.lot_id, ml.date, ml.qty_done, ml.product_uom_id,
           m.company_id, {kind} AS kind, {customer} AS customer_id
      FROM stock_move_line ml
      JOIN stock_move m ON m.id = ml.move_id
      JOIN stock_location ls ON ls.id = ml.location_id
      JOIN stock_location ld ON ld.id = ml.location_dest_id
      {partner_joins}
     WHERE ml.state = 'done' AND ml.lot_id IS NOT NULL
       AND {touches_customer}
),
facts AS (
    SELECT ml.id, ml.lot_id, lot.product_id, pt.uom_id, ml.company_id,
           ml.date, ml.kind = 'customer_return' AS is_return,
           CASE WHEN lu.id = pu.id THEN ml.qty_done
                ELSE round(ml.qty_done / lu.factor * pu.factor / pu.rounding) * pu.rounding
           END AS qty,
           COALESCE(rp.commercial_partner_id, rp.id) AS partner_id
      FROM lines ml
      JOIN stock_production_lot lot ON lot.id = ml.lot_id
      JOIN product_product pp ON pp.id = lot.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
      JOIN product_uom pu ON pu.id = pt.uom_id
      JOIN product_uom lu ON lu.id = ml.product_uom_id
      JOIN res_partner rp ON rp.id = ml.customer_id
     WHERE ml.kind IN {customer_kinds}
)
SELECT min(id) AS id, partner_id, lot_id, product_id, uom_id, company_id,
       sum(CASE WHEN is_return THEN 0 ELSE qty END) AS delivered_qty,
       sum(CASE WHEN is_return THEN qty ELSE 0 END) AS returned_qty,
       sum(CASE WHEN is_return THEN -qty ELSE qty END) AS net_qty,
       min(CASE WHEN is_return THEN NULL ELSE date END) AS first_date,
       max(CASE WHEN is_return THEN NULL ELSE date END) AS last_date,
       max(CASE WHEN is_return THEN date END) AS last_return_date
  FROM facts
 GROUP BY partner_id, lot_id, product_id, uom_id, company_id
)""".format(kind=move_kind_sql.KIND, customer=move_kind_sql.CUSTOMER,
            partner_joins=move_kind_sql.PARTNER_JOINS,
            touches_customer=move_kind_sql.TOUCHES_CUSTOMER,
            customer_kinds=str(move_kind_sql.CUSTOMER_KINDS))


class LotCustomerBalance(models.Model):
    _name = 'lot.customer.balance'
    _description = 'Lot delivered to a customer (delivered, returned, net)'
    _auto = False
    _order = 'last_date desc, id desc'
    _rec_name = 'lot_id'

    partner_id = fields.Many2one('res.partner', string='Customer', readonly=True)
    lot_id = fields.Many2one('stock.production.lot', string='Lot', readonly=True)
    product_id = fields.Many2one('product.product', string='Product', readonly=True)
    uom_id = fields.Many2one('product.uom', string='Unit', readonly=True)
    company_id = fields.Many2one('res.company', string='Company', readonly=True)
    delivered_qty = fields.Float('Delivered', readonly=True, digits=(16, 3), group_operator=None)
    returned_qty = fields.Float('Returned', readonly=True, digits=(16, 3), group_operator=None)
    net_qty = fields.Float('Net (kept)', readonly=True, digits=(16, 3), group_operator=None,
                           help='Delivered minus returned: what the customer still has.')
    first_date = fields.Datetime('First delivery', readonly=True)
    last_date = fields.Datetime('Last delivery', readonly=True)
    last_return_date = fields.Datetime('Last return', readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(_VIEW % self._table)
