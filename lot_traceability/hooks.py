# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api


def post_init_hook(cr, registry):
    """On install: existing lots get the company they are used in, existing
    manufacturing history gets its lot genealogy."""
    assign_lot_companies(cr)
    env = api.Environment(cr, SUPERUSER_ID, {})
    env['stock.production.lot'].invalidate_cache(['company_id'])
    env['lot.genealogy.edge']._rebuild_genealogy()


def assign_lot_companies(cr):
    """Lots existed before the addon gave them a company, so installing it
    filled one default company for all. Each lot takes instead the company of
    its stock (the quant with the largest quantity), else of its first stock
    move, else of its product; lots found nowhere keep the default.
    Returns the number of lots changed."""
    cr.execute("""
        WITH by_quant AS (
            SELECT DISTINCT ON (q.lot_id) q.lot_id, q.company_id
              FROM stock_quant q
             WHERE q.lot_id IS NOT NULL AND q.company_id IS NOT NULL
             ORDER BY q.lot_id, q.quantity DESC, q.id
        ), by_move AS (
            SELECT DISTINCT ON (ml.lot_id) ml.lot_id, m.company_id
              FROM stock_move_line ml
              JOIN stock_move m ON m.id = ml.move_id
             WHERE ml.lot_id IS NOT NULL AND m.company_id IS NOT NULL
             ORDER BY ml.lot_id, ml.date, ml.id
        ), chosen AS (
            SELECT lot.id, COALESCE(q.company_id, m.company_id, tmpl.company_id) AS company_id
              FROM stock_production_lot lot
              JOIN product_product p ON p.id = lot.product_id
              JOIN product_template tmpl ON tmpl.id = p.product_tmpl_id
              LEFT JOIN by_quant q ON q.lot_id = lot.id
              LEFT JOIN by_move m ON m.lot_id = lot.id
        )
        UPDATE stock_production_lot lot
           SET company_id = chosen.company_id
          FROM chosen
         WHERE chosen.id = lot.id AND chosen.company_id IS NOT NULL
           AND chosen.company_id IS DISTINCT FROM lot.company_id
    """)
    return cr.rowcount
