# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An FSMA 204 records request (FDA or a customer): products / categories /
lots over a date range, answered with the sortable workbook and an EPCIS 2.0
document. Its writers serve the recall's exports too (lot.recall)."""
import datetime
import io
import time

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import epcis, formats, fsma_events, recall_xlsx

# written by the export buttons only (_record_export), never by hand
EXPORT_FIELDS = {'date_exported', 'export_seconds'}
# the days a request may cover (a day past the last one must still be a date)
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2999, 12, 31)


class LotFsmaRequest(models.Model):
    _name = 'lot.fsma.request'
    _description = 'FSMA 204 records request'
    _inherit = ['mail.thread']
    _order = 'id desc'

    name = fields.Char('Reference', required=True, copy=False, readonly=True,
                       default=lambda self: _('New'))
    requested_by = fields.Char('Requested by', track_visibility='onchange',
                               help='Agency or customer, contact and their reference.')
    product_ids = fields.Many2many('product.product', string='Products',
                                   help='Foods on the request.')
    category_ids = fields.Many2many('product.category', string='Product categories',
                                    help='Every product of these categories (and their '
                                         'subcategories) is on the request.')
    lot_ids = fields.Many2many('stock.production.lot', string='Lots',
                               help='Optional: only these lots (of any product above, '
                                    'or these lots alone when no product is given).')
    date_from = fields.Date('From', required=True, track_visibility='onchange')
    date_to = fields.Date('To', required=True, track_visibility='onchange',
                          help='Included: events up to the end of this day.')
    company_id = fields.Many2one(
        'res.company', string='Company', required=True, index=True,
        default=lambda self: self.env['res.company']._company_default_get('lot.fsma.request'))
    user_id = fields.Many2one('res.users', string='Responsible',
                              default=lambda self: self.env.user)
    date_exported = fields.Datetime('Last export on', readonly=True, copy=False)
    export_seconds = fields.Float('Export time (s)', readonly=True, copy=False,
                                  digits=(16, 3))

    @api.constrains('date_from', 'date_to')
    def _check_dates(self):
        for request in self:
            if request.date_from and request.date_to and request.date_from > request.date_to:
                raise ValidationError(_('The request ends (%s) before it starts (%s).')
                                      % (request.date_to, request.date_from))

    @api.model
    def create(self, vals):
        self._check_values(vals, creating=True)
        if vals.get('name', _('New')) == _('New'):
            vals['name'] = self.env['ir.sequence'].next_by_code('lot.fsma.request') or _('New')
        return super(LotFsmaRequest, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_values(vals)
        return super(LotFsmaRequest, self).write(vals)

    @api.multi
    def action_export_xlsx(self):
        self._record_export('xlsx')
        return self._download_action('/lot_traceability/fsma/%d/xlsx' % self.id)

    @api.multi
    def action_export_epcis(self):
        self._record_export('epcis')
        return self._download_action('/lot_traceability/fsma/%d/epcis' % self.id)

    @api.model
    def _download_action(self, url):
        """The web client downloads URL (after the form saved the record) the
        way it downloads reports, then reloads the form: it stays usable and
        shows the saved record and its export (an act_url left every button
        disabled until a reload). Used by the recall's exports too."""
        return {'type': 'ir.actions.client', 'tag': 'lot_traceability.download',
                'params': {'url': url, 'next': {'type': 'ir.actions.act_window_close'}}}

    def _export_xlsx(self, output=None):
        """The workbook, into OUTPUT (a binary file object, never a path) or
        returned as bytes. Private: the download route calls it."""
        self.ensure_one()
        if output is not None and not callable(getattr(output, 'write', None)):
            raise UserError(_('The workbook is written to a file object only.'))
        stream = output or io.BytesIO()
        self._write_workbook(stream, self._summary(), self._reader())
        return None if output else stream.getvalue()

    def _export_epcis(self, write=None):
        """The EPCIS 2.0 document, through WRITE (a function taking str chunks)
        or returned as text. Private: the download route calls it."""
        self.ensure_one()
        chunks = []
        self._write_epcis(write or chunks.append, self._reader(), self.company_id)
        return None if write else ''.join(chunks)

    @api.model
    def _check_values(self, vals, creating=False):
        """Export figures are the buttons' record; the dates must be real days
        the request can cover (a clear message, not a server error). A new
        request may carry the empty defaults the web client sends."""
        written = sorted(key for key in EXPORT_FIELDS.intersection(vals)
                         if vals[key] or not creating)
        if written:
            raise UserError(_('These fields of an FSMA request are recorded by its export '
                              'buttons and cannot be changed by hand: %s')
                            % ', '.join(written))
        for name in ('date_from', 'date_to'):
            value = vals.get(name)
            if not value:
                continue
            label = self._fields[name].get_description(self.env)['string']
            try:
                day = value if isinstance(value, datetime.date) else \
                    fields.Date.from_string(str(value)[:10])
            except (TypeError, ValueError):
                raise ValidationError(_('%s: "%s" is not a date (YYYY-MM-DD).') % (label, value))
            if isinstance(day, datetime.datetime):
                day = day.date()
            if not FIRST_DAY <= day <= LAST_DAY:
                raise ValidationError(_('%s: %s is out of range; a request covers days from %s '
                                        'to %s.') % (label, day, FIRST_DAY, LAST_DAY))

    # ------------------------------------------------------------ what is asked
    def _products(self):
        products = self.product_ids
        if self.category_ids:
            products |= self.env['product.product'].with_context(active_test=False).search(
                [('categ_id', 'child_of', self.category_ids.ids)])
        return products

    def _utc_bounds(self):
        """[from, to) in UTC: whole days in the responsible user's time zone."""
        zone = pytz.timezone(self.user_id.tz or self.env.user.tz or 'UTC')

        def utc(day):
            local = zone.localize(datetime.datetime.combine(day, datetime.time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)
        start = fields.Date.from_string(self.date_from)
        end = fields.Date.from_string(self.date_to) + datetime.timedelta(days=1)
        return utc(start), utc(end)

    def _reader(self):
        self.ensure_one()
        products = self._products()
        if not products and not self.lot_ids:
            raise UserError(_('Request %s names no product, category or lot: choose what the '
                              'records are about.') % self.name)
        self._check_values({'date_from': self.date_from, 'date_to': self.date_to})
        date_from, date_to = self._utc_bounds()
        return fsma_events.EventReader(
            self.env.cr, lot_ids=self.lot_ids.ids or None,
            product_ids=products.ids or None, date_from=date_from, date_to=date_to,
            company_ids=self.company_id.ids, lot_mode='any')

    def _summary(self):
        products = self._products()
        return [
            (_('FSMA 204 records request'), self.name),
            (_('Requested by'), self.requested_by or _('not given')),
            (_('Products'), ', '.join(products.mapped('display_name')) or _('all (by lot)')),
            (_('Product categories'), ', '.join(self.category_ids.mapped('display_name'))
             or _('none')),
            (_('Lots'), ', '.join(self.lot_ids.mapped('name')) or _('all lots')),
            (_('From'), self.date_from), (_('To (included)'), self.date_to),
            (_('Company'), self.company_id.name),
            (_('Written on (UTC)'), datetime.datetime.utcnow()),
        ]

    # ------------------------------------------------------------ exports
    @api.model
    def _epcis_base(self, company):
        base = company.website or self.env['ir.config_parameter'].sudo().get_param(
            'web.base.url') or 'https://localhost'
        if '://' not in base:
            base = 'https://' + base
        return base

    @api.model
    def _write_workbook(self, output, summary, reader):
        return recall_xlsx.write_recall_workbook(output, summary,
                                                 fsma_events.workbook_rows(reader),
                                                 date_format=self._xlsx_date_format())

    @api.model
    def _xlsx_date_format(self):
        """The days of a workbook as the user writes them (their language)."""
        return recall_xlsx.excel_date_format(formats.lang_of(self.env).date_format)

    @api.model
    def _write_epcis(self, write, reader, company):
        """The EPCIS document of READER's events through WRITE (the recall's too)."""
        ids = epcis.Identifiers(self._epcis_base(company))
        streams = {kind: reader.events(kind) for kind in fsma_events.EVENT_KINDS}
        try:
            return epcis.write_document(
                write, epcis.epcis_events(ids, streams, self.env.user.tz or 'UTC'))
        except epcis.EpcisError as error:
            raise UserError(_('The EPCIS document cannot be written: %s.') % error)

    def _record_export(self, what):
        """The button path (a POST): check the request can be answered, time it, log it.
        Users who may change the request only (stock users of its company)."""
        self.ensure_one()
        self.check_access_rights('write')
        self.check_access_rule('write')
        started = time.perf_counter()
        if what == 'xlsx':
            counts = self._write_workbook(io.BytesIO(), self._summary(), self._reader())
            detail = _('receiving %d, transformation %d, shipping %d rows') % (
                counts['Receiving'], counts['Transformation'], counts['Shipping'])
        else:
            detail = _('%d events') % self._write_epcis(lambda text: None, self._reader(),
                                                        self.company_id)
        seconds = time.perf_counter() - started
        self._write_export_figures({'date_exported': fields.Datetime.now(),
                                    'export_seconds': seconds})
        self.message_post(body=_('%s written in %.2f s: %s.') % (what.upper(), seconds, detail))

    def _write_export_figures(self, vals):
        """The export buttons record their figures here, past write()'s refusal."""
        return super(LotFsmaRequest, self).write(vals)
