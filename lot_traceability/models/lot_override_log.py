# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.tools import html_escape


class LotOverrideLog(models.Model):
    """One record each time a worker used another lot than the planned one."""
    _name = 'lot.override.log'
    _description = 'Lot Override'
    _order = 'date desc, id desc'

    date = fields.Datetime(string='Date', required=True, readonly=True,
                           default=fields.Datetime.now)
    user_id = fields.Many2one('res.users', string='User', required=True, readonly=True,
                              default=lambda self: self.env.uid)
    product_id = fields.Many2one('product.product', string='Product', readonly=True)
    planned_lot_id = fields.Many2one('stock.production.lot', string='Planned Lot',
                                     readonly=True, ondelete='set null')
    actual_lot_id = fields.Many2one('stock.production.lot', string='Lot Used',
                                    readonly=True, ondelete='set null')
    reason = fields.Text(string='Reason', required=True, readonly=True)
    fefo_warning = fields.Char(string='FEFO Warning', readonly=True)
    move_line_id = fields.Many2one('stock.move.line', string='Operation', readonly=True,
                                   ondelete='set null')
    picking_id = fields.Many2one('stock.picking', string='Transfer', readonly=True,
                                 ondelete='set null')
    production_id = fields.Many2one('mrp.production', string='Manufacturing Order',
                                    readonly=True, ondelete='set null')
    document = fields.Char(string='Document', readonly=True)
    company_id = fields.Many2one('res.company', string='Company', readonly=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    origin = fields.Selection(
        [('override', 'Lot override'), ('scan', 'Scan'), ('form', 'Operation form'),
         ('produce', 'Production'), ('write', 'Program (no reason asked)'),
         ('correction', 'Correction of a done operation')],
        string='Origin', readonly=True,
        help='Where the change was made. "Program": code running as superuser wrote the lot '
             'of a reserved operation without asking anyone for a reason. "Correction": an '
             'Inventory manager changed the lot of a done operation.')

    @api.model
    def _record(self, planned_lot, actual_lot, reason, fefo_warning=False,
                move_line=None, production=None, origin=False):
        """Store an override and post it to the transfer's or MO's chatter.
        Without REASON (a program's write) the reason is "not given". The log
        belongs to the company of the document, not of whoever runs the code."""
        move_line = move_line or self.env['stock.move.line']
        picking = move_line.picking_id
        production = production or move_line.move_id.raw_material_production_id
        document = picking or production
        reason = reason or _('not given')
        company = (move_line.move_id.company_id or picking.company_id or
                   (production and production.company_id) or actual_lot.company_id or
                   self.env.user.company_id)
        log = self.sudo().create({
            'company_id': company.id,
            'origin': origin or (production and not move_line and 'produce') or False,
            'user_id': self.env.uid,
            'product_id': actual_lot.product_id.id,
            'planned_lot_id': planned_lot.id,
            'actual_lot_id': actual_lot.id,
            'reason': reason,
            'fefo_warning': fefo_warning or False,
            'move_line_id': move_line.id or False,
            'picking_id': picking.id or False,
            'production_id': production and production.id or False,
            'document': document and document.name or False,
        })
        if document:
            # the chatter body is HTML: names and the reason are text
            body = _('Lot changed for %s: planned %s, used %s. Reason: %s') % tuple(
                html_escape(value or '') for value in (
                    actual_lot.product_id.display_name, planned_lot.name, actual_lot.name,
                    reason))
            if fefo_warning:
                # on a line of its own: the reason is free text, often without a full stop
                body += '<br/>' + _('Warning: %s') % html_escape(fefo_warning)
            document.message_post(body=body)
        return log.sudo(self.env.uid)
