# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import lot_rules
from ..tools.gs1 import GS1Error, validate_gtin


class ResPartner(models.Model):
    _inherit = 'res.partner'

    min_shelf_life_days = fields.Integer(
        string='Minimum Shelf Life (days)', default=0,
        help='Deliveries to this customer only get lots whose end of life is '
             'at least this many days after the reservation. 0: no minimum.')

    gln = fields.Char(
        string='GLN', size=13, copy=False,
        help='GS1 Global Location Number of this address (13 digits): written in FSMA '
             'records and used as SGLN / party identifier in EPCIS exports.')

    supplier_lot_count = fields.Integer('Lots received', compute='_compute_supplier_lot_count',
                                        help='Lots received from this vendor.')
    supplier_rejected_lot_count = fields.Integer(
        'Lots rejected', compute='_compute_supplier_lot_count',
        help='Lots received from this vendor whose last quality decision is a rejection.')
    supplier_shelf_life_refusal_count = fields.Integer(
        'Shelf-life refusals', compute='_compute_supplier_lot_count',
        help='Lots of this vendor rejected at receipt for a short shelf life.')

    lot_received_count = fields.Integer(
        'Lots Received', compute='_compute_lot_received_count',
        help='Lots delivered to this customer (and its contacts).')

    def _compute_supplier_lot_count(self):
        """Lots received, rejected and refused for a short shelf life, read
        from the supplier quality report with the reader's rights (its
        company rule): what the report shows them."""
        Report = self.env['lot.supplier.quality.report']
        measures = {'supplier_lot_count': 'lot_count',
                    'supplier_rejected_lot_count': 'rejected_lot_count',
                    'supplier_shelf_life_refusal_count': 'shelf_life_refusal_count'}
        # users without stock or purchase rights do not see the buttons
        if not Report.check_access_rights('read', raise_exception=False):
            for partner in self:
                partner.update(dict.fromkeys(measures, 0))
            return
        groups = Report.read_group([('partner_id', 'in', self.mapped('commercial_partner_id').ids)],
                                   ['partner_id'] + list(measures.values()), ['partner_id'])
        counts = {g['partner_id'][0]: g for g in groups}
        for partner in self:
            group = counts.get(partner.commercial_partner_id.id, {})
            partner.update({field: group.get(measure) or 0
                            for field, measure in measures.items()})

    @api.multi
    def _compute_lot_received_count(self):
        # users without stock rights (employees, sales only) do not see the
        # button: 0 (any employee may read move lines, not the transfers)
        if not (self.env.user.has_group('stock.group_stock_user') and self.env[
                'lot.customer.balance'].check_access_rights('read', raise_exception=False)):
            for partner in self:
                partner.lot_received_count = 0
            return
        for partner in self:
            if isinstance(partner.id, int):
                partner.lot_received_count = len(partner._lots_received())

    @api.constrains('min_shelf_life_days')
    def _check_min_shelf_life_days(self):
        for partner in self:
            if not 0 <= partner.min_shelf_life_days <= lot_rules.MAX_SHELF_LIFE_DAYS:
                raise ValidationError(_(
                    'The minimum shelf life of %s must be between 0 and %s days (not %s).') % (
                    partner.display_name, lot_rules.MAX_SHELF_LIFE_DAYS,
                    partner.min_shelf_life_days))

    @api.constrains('gln')
    def _check_gln(self):
        for partner in self.filtered('gln'):
            try:
                if len(partner.gln) != 13:
                    raise GS1Error(partner.gln)
                validate_gtin(partner.gln)
            except GS1Error:
                raise ValidationError(_('"%s" is not a GLN: a GLN has 13 digits and a valid '
                                        'check digit.') % partner.gln)

    @api.multi
    def action_supplier_quality(self):
        self.ensure_one()
        action = self.env.ref('lot_traceability.lot_supplier_quality_report_action').read()[0]
        action['domain'] = [('partner_id', '=', self.commercial_partner_id.id)]
        action['context'] = {'search_default_group_month': 1}
        # the "Lots rejected" / "Short shelf life" buttons open the same
        # report filtered (only a filter of what the reader may see anyway)
        quality_filter = self.env.context.get('lot_quality_filter')
        if quality_filter in ('rejected', 'shelf_life_refused'):
            action['context']['search_default_' + quality_filter] = 1
        return action

    @api.multi
    def action_view_lots_received(self):
        self.ensure_one()
        action = self.env.ref('lot_traceability.lot_customer_balance_action').read()[0]
        action.update({
            'name': _('Lots received by %s') % self.display_name,
            'domain': [('partner_id', '=', self.commercial_partner_id.id)],
        })
        return action

    @api.model
    def _commercial_fields(self):
        return super(ResPartner, self)._commercial_fields() + ['min_shelf_life_days']

    @api.multi
    def _lots_received(self):
        """Lots delivered to the commercial entity of this partner (the
        customer of tools/move_kind_sql.py: never the vendor of a dropship),
        as its "Lots received" list shows them."""
        self.ensure_one()
        return self.env['lot.customer.balance'].search([
            ('partner_id', '=', self.commercial_partner_id.id),
            ('delivered_qty', '>', 0)]).mapped('lot_id')

    @api.model
    def _lot_readable_ids(self, partner_ids):
        """The ids among PARTNER_IDS the current user may read (access rights
        and record rules, archived partners too): whose customer data a
        recall or a lot may show them."""
        if self.env.uid == SUPERUSER_ID:
            return set(partner_ids)
        if not partner_ids or not self.check_access_rights('read', raise_exception=False):
            return set()
        return set(self.with_context(active_test=False).search(
            [('id', 'in', list(partner_ids))]).ids)
