# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from .lot_scan_mixin import ScanRefused
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

    @api.depends('move_raw_ids.lot_reservation_issue', 'move_raw_ids.state',
                 'move_raw_ids.reserved_availability', 'move_raw_ids.product_uom_qty')
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
        finishing = self.mapped('move_finished_ids').filtered(
            lambda move: move.state not in ('done', 'cancel'))
        result = super(MrpProduction, self).post_inventory()
        self.env['lot.genealogy.edge']._sync_productions(self)
        self._fsma_set_lot_code_source()
        # the lots made now (finished product and byproducts) get their expiry
        finishing.mapped('move_line_ids').filtered(
            lambda line: line.state == 'done' and line.lot_id).mapped('lot_id')._derive_expiry()
        self._lot_set_pending_release()
        return result

    def _lot_set_pending_release(self):
        """Lots made here whose product needs a release after production
        await it (never a lot that already had a quality decision)."""
        for production in self:
            lots = production.move_finished_ids.mapped('move_line_ids').filtered(
                lambda ml: ml.state == 'done').mapped('lot_id').filtered(
                lambda lot: lot.production_id in (production, production.browse()) and
                lot.product_id._lot_release_required('production'))
            lots._set_pending_release()

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

    def _lot_scan_document_lines(self, lines, lot, qty, reason, created):
        """With work orders, components are recorded on the work order's
        lines (pre-filled with the quantity to consume, no lot): a scan gives
        such a line its lot and keeps its quantity, or adds to the line of
        that lot. A lot that is none of the lots reserved for the move needs
        a reason and is logged, as on transfers."""
        work_lines = lines.filtered(lambda rec: rec.workorder_id and not rec.done_wo)
        if not work_lines:
            return None
        same = work_lines.filtered(lambda rec: rec.lot_id == lot)[:1]
        if same:
            self._lot_scan_increment(same, qty)
            return self._lot_scan_matched(same, self._lot_scan_ok_text(same, created))
        reserved = lines.filtered(lambda rec: rec.done_wo and rec.lot_id and float_compare(
            rec.product_uom_qty, 0, precision_rounding=rec.product_uom_id.rounding) > 0)
        planned = reserved.mapped('lot_id')
        line = work_lines.filtered(lambda rec: not rec.lot_id and not rec.lot_name)[:1]
        override = bool(planned) and lot not in planned
        if override and not reason:
            raise ScanRefused('warning', 'lot_not_planned', _(
                'Lot %s is not a planned lot (%s). Scan a planned lot, or override the planned '
                'lot with a reason.') % (lot.name, ', '.join(planned.mapped('name'))),
                line or work_lines[:1])
        if not line:
            line = work_lines[0].copy({'lot_id': False, 'lot_name': False, 'qty_done': 0.0,
                                       'workorder_id': work_lines[0].workorder_id.id,
                                       'done_wo': False})
        prefilled = float_compare(line.qty_done, 0,
                                  precision_rounding=line.product_uom_id.rounding) > 0
        try:
            line.write({'lot_id': lot.id})
        except UserError as error:
            raise ScanRefused('error', 'lot_not_planned', error.name, line)
        if not prefilled:
            self._lot_scan_increment(line, qty)
        if override:
            # the planned lot of the work order's line is the code's to set
            line.sudo().write({'planned_lot_id': planned[0].id})
            warning = reserved[:1]._lot_fefo_warning(lot)
            self.env['lot.override.log']._record(
                planned[0], lot, reason.strip(), warning, move_line=line, origin='scan')
            return 'warning', 'lot_not_planned', _(
                'Lot %s recorded instead of the planned lot %s (reason: %s); %s done.') % (
                lot.name, planned[0].name, reason, self._lot_scan_qty_text(line)), line
        return self._lot_scan_matched(line, self._lot_scan_ok_text(line, created))
