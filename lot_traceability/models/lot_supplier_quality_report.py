# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Supplier quality: one row per lot received from a vendor, flagged when the
lot was part of a real recall (as start lot or found by the trace; drills do
not count) or came back from a customer, itself or inside a finished lot that
was returned, rejected by quality (its last decision in lot.release.decision)
or refused at receipt for a short shelf life; pivot it by vendor and month
for counts and ratios."""
from odoo import fields, models, tools


class LotSupplierQualityReport(models.Model):
    _name = 'lot.supplier.quality.report'
    _description = 'Supplier quality (lots received, recalled, returned)'
    _auto = False
    _order = 'date desc'

    partner_id = fields.Many2one('res.partner', string='Vendor', readonly=True)
    lot_id = fields.Many2one('stock.production.lot', string='Lot', readonly=True)
    product_id = fields.Many2one('product.product', string='Product', readonly=True)
    company_id = fields.Many2one('res.company', string='Company', readonly=True)
    date = fields.Datetime('Received on', readonly=True)
    lot_count = fields.Integer('Lots received', readonly=True)
    recall_lot_count = fields.Integer('Lots in recalls', readonly=True)
    returned_lot_count = fields.Integer('Lots returned by customers', readonly=True)
    rejected_lot_count = fields.Integer(
        'Lots rejected', readonly=True,
        help='Lots whose last quality decision is a rejection.')
    shelf_life_refusal_count = fields.Integer(
        'Shelf-life refusals', readonly=True,
        help='Lots rejected at receipt because they had less shelf life left than the '
             'product (or this vendor) asks for.')
    recall_rate = fields.Float('Recalled (%)', readonly=True, group_operator='avg')
    return_rate = fields.Float('Returned (%)', readonly=True, group_operator='avg')
    reject_rate = fields.Float('Rejected (%)', readonly=True, group_operator='avg')

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW %s AS (
            WITH received AS (
                SELECT min(ml.id) AS id, partner.commercial_partner_id AS partner_id,
                       ml.lot_id, lot.product_id, lot.company_id, min(ml.date) AS date
                  FROM stock_move_line ml
                  JOIN stock_location src ON src.id = ml.location_id AND src.usage = 'supplier'
                  JOIN stock_picking picking ON picking.id = ml.picking_id
                  JOIN res_partner partner ON partner.id = picking.partner_id
                  JOIN stock_production_lot lot ON lot.id = ml.lot_id
                 WHERE ml.state = 'done'
                 GROUP BY partner.commercial_partner_id, ml.lot_id, lot.product_id, lot.company_id
            ), returned_lots AS (
                -- lots that came back from a customer, and every lot inside them
                WITH RECURSIVE inside(lot_id) AS (
                    SELECT DISTINCT back.lot_id
                      FROM stock_move_line back
                      JOIN stock_location bsrc ON bsrc.id = back.location_id
                      JOIN stock_location bdst ON bdst.id = back.location_dest_id
                     WHERE back.state = 'done' AND back.lot_id IS NOT NULL
                       AND bsrc.usage = 'customer' AND bdst.usage <> 'customer'
                    UNION
                    SELECT e.component_lot_id
                      FROM lot_genealogy_edge e JOIN inside i ON e.finished_lot_id = i.lot_id
                )
                SELECT lot_id FROM inside
            ), recalled_lots AS (
                -- real recalls only: a mock recall (drill) says nothing about the vendor
                SELECT s.lot_id FROM lot_recall_start_lot_rel s
                  JOIN lot_recall rc ON rc.id = s.recall_id AND NOT COALESCE(rc.is_drill, FALSE)
                UNION
                SELECT l.lot_id FROM lot_recall_line l
                  JOIN lot_recall rc ON rc.id = l.recall_id AND NOT COALESCE(rc.is_drill, FALSE)
                 WHERE l.lot_id IS NOT NULL
            ), last_decisions AS (
                SELECT DISTINCT ON (d.lot_id) d.lot_id, d.decision
                  FROM lot_release_decision d
                 ORDER BY d.lot_id, d.date DESC, d.id DESC
            ), flags AS (
                SELECT r.*,
                       CASE WHEN r.lot_id IN (SELECT lot_id FROM recalled_lots)
                            THEN 1 ELSE 0 END AS recalled,
                       CASE WHEN r.lot_id IN (SELECT lot_id FROM returned_lots)
                            THEN 1 ELSE 0 END AS returned,
                       CASE WHEN r.lot_id IN (SELECT lot_id FROM last_decisions
                                               WHERE decision = 'reject')
                            THEN 1 ELSE 0 END AS rejected,
                       CASE WHEN r.lot_id IN (SELECT lot_id FROM lot_release_decision
                                               WHERE decision = 'reject'
                                                 AND origin = 'shelf_life')
                            THEN 1 ELSE 0 END AS shelf_life_refused
                  FROM received r
            )
            SELECT id, partner_id, lot_id, product_id, company_id, date,
                   1 AS lot_count, recalled AS recall_lot_count, returned AS returned_lot_count,
                   rejected AS rejected_lot_count, shelf_life_refused AS shelf_life_refusal_count,
                   recalled * 100.0 AS recall_rate, returned * 100.0 AS return_rate,
                   rejected * 100.0 AS reject_rate
              FROM flags
            )""" % self._table)
