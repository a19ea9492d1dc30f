# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.tools.misc import format_date

from ..models.lot_scan_mixin import ScanRefused
from ..tools import gs1, lot_rules
from ..tools.actions import open_record_action


class LotScanLookup(models.TransientModel):
    """Inventory ▸ Traceability ▸ Scan lot: scan a label, see the lot, open its trace."""
    _name = 'lot.scan.lookup'
    _inherit = ['barcodes.barcode_events_mixin']
    _description = 'Scan a lot to open its trace'

    barcode = fields.Char(string='Barcode', help='Scan a lot label (GS1 or lot number) '
                          'or type the lot number.')
    lot_id = fields.Many2one('stock.production.lot', string='Lot', readonly=True)
    message = fields.Char(string='Result', readonly=True)
    lot_warning = fields.Char(string='Blocked', readonly=True,
                              help='Why this lot cannot be reserved, picked, shipped or '
                                   'consumed (quarantined, expired).')

    @api.onchange('barcode')
    def _onchange_barcode(self):
        if self.barcode:
            self.on_barcode_scanned(self.barcode)

    def on_barcode_scanned(self, barcode):
        self.barcode = barcode
        self.lot_id, self.message = self._lookup(barcode)
        self.lot_warning = self._lookup_warning(self.lot_id)

    @api.model
    def _lookup(self, barcode):
        """-> (lot or empty recordset, message)."""
        try:
            # the lots of the user's company (the lookup has no document)
            scan = self.env['lot.scan.reader']._interpret(barcode, self.env.user.company_id)
        except ScanRefused as refused:
            return self.env['stock.production.lot'], refused.answer[2]
        Lot = self.env['stock.production.lot']
        if not scan['lot_name']:
            return Lot, _('%s is a product, not a lot: scan the lot label.') % (
                scan['product'].display_name)
        lot = Lot.search([('name', '=', scan['lot_name']),
                          ('product_id', '=', scan['product'].id)], limit=1)
        if not lot:
            return Lot, _('Unknown lot: %s has no lot %s.') % (
                scan['product'].display_name, scan['lot_name'])
        return lot, _('Lot %s of %s.') % (lot.name, lot.product_id.display_name) + \
            self._lookup_other_data(barcode)

    @api.model
    def _lookup_warning(self, lot):
        """'Quarantined: ...' / 'Expired on ...: ...' for a blocked LOT (the
        rule of tools/lot_rules.py, as a scan asks it: lot._scan_blocking_reason),
        else False; the expiry day in the user's timezone."""
        if not lot:
            return False
        reason = lot._scan_blocking_reason()
        if reason == lot_rules.QUARANTINED:
            return _('Quarantined: lot %s cannot be reserved, picked, shipped or consumed '
                     '(%s).') % (lot.name, (lot.quarantine_reason or '').strip()
                                 or _('no reason given'))
        if reason == lot_rules.EXPIRED:
            day = fields.Datetime.context_timestamp(
                self, fields.Datetime.from_string(lot.life_date)).date()
            return _('Expired on %s: lot %s is no longer reserved, picked or shipped.') % (
                format_date(self.env, fields.Date.to_string(day)), lot.name)
        return False

    @api.model
    def _lookup_other_data(self, barcode):
        """The label's other GS1 data (SSCC, weights, order...), shown as read."""
        try:
            code = gs1.parse(gs1.without_symbology((barcode or '').strip()))
        except gs1.GS1Error:
            return ''
        others = ['(%s) %s: %s' % row for row in code.describe()
                  if row[0] not in ('01', '02', '10')]
        return (' ' + _('Also on the label: %s.') % '; '.join(others)) if others else ''

    @api.multi
    def action_open_trace(self):
        """The lot's up/down traceability report."""
        self.ensure_one()
        action = self.env.ref('stock.action_stock_report').read()[0]
        action['context'] = {'active_id': self.lot_id.id, 'active_model': 'stock.production.lot',
                             'model': 'stock.production.lot',
                             'url': '/stock/output_format/stock/active_id'}
        return action

    @api.multi
    def action_open_lot(self):
        self.ensure_one()
        # the full lot form (the default one is the short form of popups)
        return open_record_action(self.lot_id,
                                  view_id=self.env.ref('stock.view_production_lot_form').id)
