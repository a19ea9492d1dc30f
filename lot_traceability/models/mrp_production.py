# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .stock_picking import pick_sort_key


class MrpProduction(models.Model):
    _name = 'mrp.production'
    _inherit = ['mrp.production', 'lot.scan.mixin']

    pick_guidance_line_ids = fields.Many2many(
        'stock.move.line', string='Components to Fetch',
        compute='_compute_pick_guidance_line_ids',
        help='Planned component lots and where to fetch them, sorted by location.')

    lot_reservation_issue = fields.Text(
        string='Reservation Issues', compute='_compute_lot_reservation_issue')

    created_lot_ids = fields.One2many(
        'stock.production.lot', 'production_id', string='Lots Made', readonly=True)

    created_lot_count = fields.Integer(compute='_compute_created_lot_count')

    @api.depends('move_raw_ids.move_line_ids.location_id', 'move_raw_ids.move_line_ids.lot_id')
    def _compute_pick_guidance_line_ids(self):
        for production in self:
            lines = production.move_raw_ids.filtered(
                lambda move: move.state not in ('done', 'cancel')).mapped('move_line_ids')
            # a tracked component line without a lot says nothing about what to fetch
            lines = lines.filtered(lambda rec: rec.lot_id or rec.product_id.tracking == 'none')
            production.pick_guidance_line_ids = lines.sorted(key=pick_sort_key)

    @api.depends('move_raw_ids.lot_reservation_issue')
    def _compute_lot_reservation_issue(self):
        for production in self:
            production.lot_reservation_issue = (
                production.move_raw_ids._lot_reservation_issue_summary())

    @api.depends('created_lot_ids')
    def _compute_created_lot_count(self):
        for production in self:
            production.created_lot_count = len(production.created_lot_ids)

    @api.multi
    def action_cancel(self):
        result = super(MrpProduction, self).action_cancel()
        self.env['lot.genealogy.edge']._sync_productions(self)
        return result

    @api.multi
    def button_mark_done(self):
        result = super(MrpProduction, self).button_mark_done()
        if self.picking_type_id.print_lot_labels and self.created_lot_ids:
            return self.created_lot_ids._label_report_action()
        return result

    @api.multi
    def action_view_created_lots(self):
        self.ensure_one()
        action = self.env.ref('stock.action_production_lot_form').read()[0]
        action['domain'] = [('production_id', '=', self.id)]
        action['context'] = {}
        return action

    @api.multi
    def action_print_lot_labels(self):
        return self.mapped('created_lot_ids')._label_report_action()

    @api.multi
    def post_inventory(self):
        result = super(MrpProduction, self).post_inventory()
        self.env['lot.genealogy.edge']._sync_productions(self)
        self._fsma_set_lot_code_source()
        return result

    def _fsma_set_lot_code_source(self):
        """Lots made here got their code here: the warehouse is their lot code source."""
        for production in self:
            lots = production.move_finished_ids.mapped('move_line_ids').filtered(
                lambda ml: ml.state == 'done').mapped('lot_id')
            site = production.picking_type_id.warehouse_id.partner_id or \
                production.company_id.partner_id
            lots._fsma_set_lot_code_source(site)

    # ------------------------------------------------------------ scanning
    def _lot_scan_move_domain(self):
        """Scans on a manufacturing order check the components it consumes."""
        return [('raw_material_production_id', '=', self.id)]
