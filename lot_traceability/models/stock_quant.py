# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reservation rules: FEFO by default for products with expiry dates, FIFO
otherwise, and never reserve a lot that must not leave the stock.

Context keys (set by ``stock.move._action_assign``, which always sets the
first two itself, so a client's context can only add a stricter cutoff):
``lot_reserve_check``          filter unusable lots out of the quants gathered
``lot_reserve_min_life_date``  customer's shelf-life cutoff (UTC string) or False
``lot_reserve_release_needed`` False for moves that need no quality release
                               (between internal locations); absent: needed
``lot_native_reservation``     Odoo's own removal strategy and order instead of
                               FEFO/FIFO; blocked lots stay out (the rule of
                               ``tools/lot_rules.py`` is never switched off)
"""
from odoo import api, fields, models


class StockQuant(models.Model):
    _inherit = 'stock.quant'

    # the trace engine finds the stock of a lot (Odoo 11 does not index it):
    # stock_quant_lot_id_index, kept by Odoo through later updates of the model
    lot_id = fields.Many2one(index=True)
    fefo_date = fields.Datetime(
        string='FEFO Date', compute='_compute_fefo_date', store=True,
        help='Date first-expiring-first-out sorts on: removal date, else end '
             'of life, else best before date of the lot.')

    @api.depends('lot_id.removal_date', 'lot_id.life_date', 'lot_id.use_date')
    def _compute_fefo_date(self):
        for quant in self:
            quant.fefo_date = quant.lot_id and quant.lot_id._fefo_date() or False

    @api.model
    def _get_removal_strategy(self, product_id, location_id):
        strategy = super(StockQuant, self)._get_removal_strategy(product_id, location_id)
        if self.env.context.get('lot_native_reservation') or \
                self._explicit_removal_strategy(product_id, location_id):
            return strategy
        return 'fefo' if product_id._tracks_expiry() else 'fifo'

    @api.model
    def _explicit_removal_strategy(self, product, location):
        """True when an admin chose a removal strategy on the product's
        category or on the location or one of its parents."""
        if product.categ_id.removal_strategy_id:
            return True
        while location:
            if location.removal_strategy_id:
                return True
            location = location.location_id
        return False

    @api.model
    def _get_removal_strategy_order(self, removal_strategy):
        if removal_strategy == 'fefo' and not self.env.context.get('lot_native_reservation'):
            return 'fefo_date ASC NULLS LAST, in_date ASC NULLS FIRST, id'
        return super(StockQuant, self)._get_removal_strategy_order(removal_strategy)

    def _gather(self, product_id, location_id, lot_id=None, package_id=None, owner_id=None,
                strict=False):
        quants = super(StockQuant, self)._gather(
            product_id, location_id, lot_id=lot_id, package_id=package_id,
            owner_id=owner_id, strict=strict)
        context = self.env.context
        if not context.get('lot_reserve_check') or product_id.tracking == 'none' or not quants:
            return quants
        cutoff = context.get('lot_reserve_min_life_date')
        blocked = self.env['stock.production.lot']._blocked_lot_ids(
            product_id, cutoff and fields.Datetime.from_string(cutoff),
            release_needed=context.get('lot_reserve_release_needed', True) is not False)
        if not blocked:
            return quants
        return quants.filtered(lambda quant: quant.lot_id.id not in blocked)
