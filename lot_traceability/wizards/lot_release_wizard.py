# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LotReleaseWizard(models.TransientModel):
    """The quality decision on lots: release (note, certificate of analysis)
    or reject (reason, then return to the vendor or scrap). Only a Quality
    Manager opens, fills or confirms it."""
    _name = 'lot.release.wizard'
    _description = 'Release or Reject Lots'

    lot_ids = fields.Many2many('stock.production.lot', string='Lots', required=True)
    decision = fields.Selection([('release', 'Release'), ('reject', 'Reject')],
                                string='Decision', required=True, default='release')
    note = fields.Text(string='Decision Note')
    certificate_required = fields.Boolean(compute='_compute_certificate_required')
    certificate_id = fields.Many2one(
        'ir.attachment', string='Certificate of Analysis',
        help='A document already attached to the lot.')
    certificate_file = fields.Binary(string='Upload Certificate', attachment=False)
    certificate_filename = fields.Char(string='File Name')
    follow_up = fields.Selection(
        [('none', 'Keep it in stock (blocked)'), ('return', 'Return to vendor'),
         ('scrap', 'Scrap')], string='Then', default='none',
        help='After rejecting: open the return of the receipt that brought the lot, or a '
             'scrap order for the lot.')

    @api.depends('lot_ids')
    def _compute_certificate_required(self):
        for wizard in self:
            wizard.certificate_required = any(
                lot.product_id.lot_release_certificate for lot in wizard.lot_ids)

    @api.model
    def create(self, vals):
        self.env['stock.production.lot']._check_release_access()
        return super(LotReleaseWizard, self).create(vals)

    @api.multi
    def write(self, vals):
        self.env['stock.production.lot']._check_release_access()
        return super(LotReleaseWizard, self).write(vals)

    @api.multi
    def action_confirm(self):
        """Record the decision (Quality Manager only), then for a rejection
        open the return or scrap chosen."""
        self.ensure_one()
        Lot = self.env['stock.production.lot']
        Lot._check_release_access()
        note = (self.note or '').strip()
        lots = self.lot_ids
        if not lots:
            raise UserError(_('Choose the lots to decide on.'))
        if self.decision == 'release':
            if not note:
                raise UserError(_('Give a decision note to release a lot.'))
            not_pending = lots.filtered(lambda lot: lot.release_state != 'pending')
            if not_pending:
                raise UserError(_('Only lots awaiting release can be released; lot %s is not.')
                                % not_pending[0].name)
            for lot in lots:
                lot._release_decide('release', note, self._certificate_for(lot))
            return {'type': 'ir.actions.act_window_close'}
        if not note:
            raise UserError(_('Give the reason for rejecting the lot.'))
        rejected = lots.filtered(lambda lot: lot.release_state == 'rejected')
        if rejected:
            raise UserError(_('Lot %s is already rejected.') % rejected[0].name)
        if self.follow_up != 'none' and len(lots) > 1:
            raise UserError(_('Return or scrap one lot at a time.'))
        if self.follow_up == 'return' and not lots.receipt_picking_id:
            raise UserError(_('Lot %s came in with no receipt to return: scrap it instead.')
                            % lots.name)
        lots._release_decide('reject', note)
        if self.follow_up == 'return':
            return lots._release_return_action()
        if self.follow_up == 'scrap':
            return lots._release_scrap_action()
        return {'type': 'ir.actions.act_window_close'}

    def _certificate_for(self, lot):
        """The certificate of LOT: the attachment chosen (which must be the
        lot's), else the file uploaded, attached to the lot now. Refused
        when the product requires one and none is given."""
        certificate = self.env['ir.attachment']
        if self.certificate_id:
            certificate = self.certificate_id.sudo()
            if certificate.res_model != 'stock.production.lot' or \
                    certificate.res_id not in self.lot_ids.ids:
                raise UserError(_('The certificate must be a document attached to the lot.'))
        elif self.certificate_file:
            try:
                base64.b64decode(self.certificate_file, validate=True)
            except (binascii.Error, ValueError):
                raise UserError(_('The certificate file could not be read: upload it again.'))
            certificate = self.env['ir.attachment'].sudo().create({
                'name': self.certificate_filename or _('Certificate of analysis'),
                'datas_fname': self.certificate_filename or 'certificate.pdf',
                'datas': self.certificate_file,
                'res_model': 'stock.production.lot',
                'res_id': lot.id,
            })
        if not certificate and lot.product_id.lot_release_certificate:
            raise UserError(_('%s needs a certificate of analysis to release lot %s: attach '
                              'it to the lot or upload it here.') % (
                lot.product_id.display_name, lot.name))
        return certificate
