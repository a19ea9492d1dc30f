# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A recall case: start lots, the trace computed from them, containment,
exports and the drill record (how long tracing took)."""
import io
import json
import time

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import recall_xlsx

# trace row keys copied onto a result line as they are
LINE_KEYS = ('kind', 'level', 'qty', 'reference', 'res_model', 'res_id')


class LotRecall(models.Model):
    _name = 'lot.recall'
    _description = 'Recall case'
    _inherit = ['mail.thread']
    _order = 'id desc'

    name = fields.Char('Reference', required=True, copy=False, readonly=True,
                       default=lambda self: _('New'), track_visibility='onchange')
    reason = fields.Text('Reason', required=True, track_visibility='onchange',
                         help='What is wrong, who reported it, what is at stake.')
    lot_ids = fields.Many2many('stock.production.lot', 'lot_recall_start_lot_rel',
                               'recall_id', 'lot_id', string='Start lots', required=True,
                               help='Material or finished lots the problem starts from.')
    direction = fields.Selection([
        ('both', 'Both ways (where it went and what it was made of)'),
        ('downstream', 'Forward only (where it went)'),
        ('upstream', 'Backward only (what it was made of)'),
    ], string='Trace', required=True, default='both', track_visibility='onchange')
    state = fields.Selection([('draft', 'Draft'), ('open', 'Open'), ('closed', 'Closed')],
                             string='Status', required=True, default='draft', copy=False,
                             track_visibility='onchange')
    is_drill = fields.Boolean('Mock recall (drill)', track_visibility='onchange',
                              help='A recall exercise: nothing is wrong, the team practises '
                                   'and the time to trace is recorded.')
    company_id = fields.Many2one('res.company', string='Company', required=True, index=True,
                                 default=lambda self: self.env['res.company']._company_default_get(
                                     'lot.recall'))
    user_id = fields.Many2one('res.users', string='Responsible', track_visibility='onchange',
                              default=lambda self: self.env.user)
    date_open = fields.Datetime('Opened on', readonly=True, copy=False)
    date_computed = fields.Datetime('Traced on', readonly=True, copy=False)
    date_closed = fields.Datetime('Closed on', readonly=True, copy=False)
    date_first_export = fields.Datetime('First export on', readonly=True, copy=False)
    compute_seconds = fields.Float('Trace time (s)', readonly=True, copy=False, digits=(16, 3))
    export_seconds = fields.Float('Export time (s)', readonly=True, copy=False, digits=(16, 3))
    time_to_trace = fields.Float(
        'Time to trace (min)', compute='_compute_time_to_trace', digits=(16, 1),
        help='From opening the case to the first export of the affected lots and customers: '
             'the figure a recall drill records.')
    snapshot = fields.Text('Snapshot', readonly=True, copy=False,
                           help='The trace rows as computed, kept as they were when the '
                                'recall was closed.')
    line_ids = fields.One2many('lot.recall.line', 'recall_id', string='Result lines',
                               readonly=True, copy=False)
    customer_ids = fields.One2many('lot.recall.customer', 'recall_id', string='Customers',
                                   readonly=True, copy=False)
    quarantined_lot_ids = fields.Many2many(
        'stock.production.lot', 'lot_recall_quarantined_lot_rel', 'recall_id', 'lot_id',
        string='Lots quarantined by this recall', readonly=True, copy=False)
    line_count = fields.Integer('Result lines', compute='_compute_counts')
    affected_lot_count = fields.Integer('Affected lots', compute='_compute_counts')
    customer_count = fields.Integer('Customers', compute='_compute_counts')
    delivered_qty = fields.Float('Quantity delivered', compute='_compute_counts')
    stock_qty = fields.Float('Quantity in stock', compute='_compute_counts')

    @api.model
    def create(self, vals):
        if vals.get('name', _('New')) == _('New'):
            vals['name'] = self.env['ir.sequence'].next_by_code('lot.recall') or _('New')
        return super(LotRecall, self).create(vals)

    @api.depends('date_open', 'date_first_export')
    def _compute_time_to_trace(self):
        for recall in self:
            if recall.date_open and recall.date_first_export:
                delta = (fields.Datetime.from_string(recall.date_first_export)
                         - fields.Datetime.from_string(recall.date_open))
                recall.time_to_trace = delta.total_seconds() / 60.0

    @api.depends('line_ids', 'customer_ids')
    def _compute_counts(self):
        for recall in self:
            lines = recall.line_ids
            forward = lines.filtered(lambda l: l.direction == 'downstream')
            recall.line_count = len(lines)
            recall.affected_lot_count = len(recall._affected_lots())
            recall.customer_count = len(recall.customer_ids)
            recall.delivered_qty = sum(forward.filtered(lambda l: l.kind == 'delivery').mapped('qty'))
            recall.stock_qty = sum(forward.filtered(lambda l: l.kind == 'stock').mapped('qty'))

    # ------------------------------------------------------------------ states
    @api.multi
    def action_open(self):
        for recall in self:
            if recall.state != 'draft':
                raise UserError(_('Only a draft recall can be opened.'))
            recall.write({'state': 'open', 'date_open': fields.Datetime.now()})
        return True

    @api.multi
    def action_close(self):
        for recall in self:
            if recall.state != 'open':
                raise UserError(_('Only an open recall can be closed.'))
            recall.write({'state': 'closed', 'date_closed': fields.Datetime.now()})
            recall.message_post(body=_('Recall closed: %d result lines, %d affected lots and '
                                       '%d customers kept as known now.')
                                % (recall.line_count, recall.affected_lot_count,
                                   recall.customer_count))
        return True

    @api.multi
    def action_reopen(self):
        self.filtered(lambda r: r.state == 'closed').write({'state': 'open', 'date_closed': False})
        return True

    # ------------------------------------------------------------------ trace
    @api.multi
    def action_compute(self):
        """Trace the start lots and store what was found (lines, customers, snapshot)."""
        for recall in self:
            if recall.state == 'closed':
                raise UserError(_('Recall %s is closed: it keeps what was known when it was '
                                  'closed. Reopen it to trace again.') % recall.name)
            if not recall.lot_ids:
                raise UserError(_('Choose at least one start lot for recall %s.') % recall.name)
            if recall.state == 'draft':
                recall.action_open()
            started = time.perf_counter()
            rows = recall._trace_rows()
            line_vals = recall._line_values(rows)
            recall.line_ids.unlink()
            recall.customer_ids.unlink()
            recall.write({'line_ids': [(0, 0, vals) for vals in line_vals]})
            recall.customer_ids = [(0, 0, vals) for vals in recall.line_ids._customer_values()]
            recall.write({
                'compute_seconds': time.perf_counter() - started,
                'date_computed': fields.Datetime.now(),
                'snapshot': json.dumps(rows, default=str, sort_keys=True),
            })
            recall.message_post(body=_('Trace computed in %.2f s: %d result lines, %d affected '
                                       'lots, %d customers.')
                                % (recall.compute_seconds, recall.line_count,
                                   recall.affected_lot_count, recall.customer_count))
        return True

    def _trace_rows(self):
        """Trace rows from the trace engine, tagged with their direction."""
        rows = []
        lots = self.lot_ids
        if self.direction in ('both', 'downstream'):
            rows += [dict(row, direction='downstream') for row in lots.trace_downstream()]
        if self.direction in ('both', 'upstream'):
            rows += [dict(row, direction='upstream') for row in lots.trace_upstream()]
        return rows

    def _line_values(self, rows):
        Lot = self.env['stock.production.lot']
        Location = self.env['stock.location']
        lines = []
        for row in rows:
            vals = {key: row.get(key) for key in LINE_KEYS}
            lot = Lot.browse(row.get('lot_id') or [])
            # where the event happened on our side: received into / returned into
            # the destination, shipped or held at the source
            inbound = row.get('kind') in ('receipt', 'return') and row.get('location_dest_id')
            location = Location.browse((row.get('location_dest_id') if inbound
                                        else row.get('location_id')) or [])
            vals.update({
                'direction': row['direction'],
                'lot_id': lot.id,
                'lot_name': row.get('lot_name') or lot.name,
                'product_id': row.get('product_id') or lot.product_id.id,
                'product_name': row.get('product_name') or lot.product_id.display_name,
                'uom_name': row.get('uom') or '',
                'date': row.get('date') or False,
                'partner_id': row.get('partner_id') or False,
                'origin_lot_id': row.get('origin_lot_id') or False,
                'location_id': location.id,
                'location_name': (row.get('location_dest_name') if inbound
                                  else row.get('location_name')) or location.display_name or '',
                'workcenter': row.get('workcenter') or '',
                'operator': row.get('operator') or '',
            })
            if vals['kind'] not in dict(self.env['lot.recall.line']._fields['kind'].selection):
                vals['kind'] = 'other'
            lines.append(vals)
        return lines

    def _affected_lots(self):
        """Start lots and every lot found downstream: what may carry the problem."""
        forward = self.line_ids.filtered(lambda l: l.direction == 'downstream')
        return self.lot_ids | forward.mapped('lot_id')

    # ------------------------------------------------------------------ containment
    def _affected_lots_in_stock(self):
        quants = self.env['stock.quant'].search([
            ('lot_id', 'in', self._affected_lots().ids),
            ('location_id.usage', '=', 'internal'), ('quantity', '>', 0)])
        return quants.mapped('lot_id')

    @api.multi
    def action_quarantine_affected(self):
        """Quarantine every affected lot still in stock, with the recall as reason."""
        for recall in self:
            if recall.state == 'draft' or not recall.date_computed:
                raise UserError(_('Trace recall %s first: the affected lots are not known yet.')
                                % recall.name)
            lots = recall._affected_lots_in_stock().filtered(lambda lot: not lot.quarantined)
            if not lots:
                raise UserError(_('No affected lot of recall %s is in stock without quarantine.')
                                % recall.name)
            lots.action_quarantine(_('Recall %s: %s') % (recall.name, recall.reason))
            recall.quarantined_lot_ids |= lots
            recall.message_post(body=_('Quarantined %d lots in stock: %s')
                                % (len(lots), ', '.join(lots.mapped('name'))))
        return True

    @api.multi
    def action_release_quarantine(self):
        """Undo this recall's containment: release the lots it quarantined."""
        for recall in self:
            lots = recall.quarantined_lot_ids.filtered('quarantined')
            if not lots:
                raise UserError(_('Recall %s has no lot in quarantine to release.') % recall.name)
            lots.action_release(_('Recall %s: containment released') % recall.name)
            recall.quarantined_lot_ids = [(3, lot.id) for lot in lots]
            recall.message_post(body=_('Released %d lots from quarantine: %s')
                                % (len(lots), ', '.join(lots.mapped('name'))))
        return True

    # ------------------------------------------------------------------ exports
    @api.multi
    def action_export_xlsx(self):
        self.ensure_one()
        if not self.date_computed:
            raise UserError(_('Trace recall %s first: there is nothing to export yet.') % self.name)
        return {'type': 'ir.actions.act_url', 'target': 'self',
                'url': '/lot_traceability/recall/%d/xlsx' % self.id}

    @api.multi
    def action_export_epcis(self):
        self.ensure_one()
        if not self.date_computed:
            raise UserError(_('Trace recall %s first: there is nothing to export yet.') % self.name)
        return {'type': 'ir.actions.act_url', 'target': 'self',
                'url': '/lot_traceability/recall/%d/epcis' % self.id}

    @api.multi
    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref('lot_traceability.action_report_lot_recall').report_action(self)

    def _xlsx_summary(self):
        company = self.company_id
        return [
            (_('Recall'), self.name),
            (_('Mock recall (drill)'), _('Yes') if self.is_drill else _('No')),
            (_('Status'), dict(self._fields['state']._description_selection(self.env))[self.state]),
            (_('Reason'), self.reason or ''),
            (_('Start lots'), ', '.join(self.lot_ids.mapped('name'))),
            (_('Company (lot code source)'), company.name),
            (_('Opened on'), fields.Datetime.from_string(self.date_open) if self.date_open else ''),
            (_('Traced on'), fields.Datetime.from_string(self.date_computed)
             if self.date_computed else ''),
            (_('Affected lots'), self.affected_lot_count),
            (_('Customers'), self.customer_count),
            (_('Quantity delivered'), self.delivered_qty),
            (_('Quantity in stock'), self.stock_qty),
            (_('Result lines'), self.line_count),
        ]

    def _lot_code_source(self):
        company = self.company_id
        parts = [company.name, company.street, company.zip, company.city,
                 company.country_id.name]
        return ', '.join(p for p in parts if p)

    @api.multi
    def export_xlsx(self):
        """The recall workbook as bytes; records the export in the drill timing."""
        self.ensure_one()
        started = time.perf_counter()
        stream = io.BytesIO()
        counts = recall_xlsx.write_recall_workbook(
            stream, self._xlsx_summary(), self.env['lot.fsma.request']._recall_events(self))
        vals = {'export_seconds': time.perf_counter() - started}
        if not self.date_first_export:
            vals['date_first_export'] = fields.Datetime.now()
        self.write(vals)
        self.message_post(body=_('XLSX exported in %.2f s (receiving %d, transformation %d, '
                                 'shipping %d rows).')
                          % (vals['export_seconds'], counts['Receiving'],
                             counts['Transformation'], counts['Shipping']))
        return stream.getvalue()

    # ------------------------------------------------------------------ customers
    @api.multi
    def action_notify_customers(self):
        """Open the mail composer: one mail per customer from the template, sent on review."""
        self.ensure_one()
        customers = self.customer_ids.filtered('email')
        if not customers:
            raise UserError(_('No customer of recall %s has an email address.') % self.name)
        template = self.env.ref('lot_traceability.mail_template_lot_recall_customer')
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'mail.compose.message',
            'view_mode': 'form',
            'target': 'new',
            'context': {
                'default_composition_mode': 'mass_mail',
                'default_model': 'lot.recall.customer',
                'default_res_id': customers[0].id,
                'default_template_id': template.id,
                'default_use_template': True,
                'active_model': 'lot.recall.customer',
                'active_ids': customers.ids,
                'active_id': customers[0].id,
            },
        }

    @api.multi
    def action_view_lines(self):
        self.ensure_one()
        action = self.env.ref('lot_traceability.lot_recall_line_action').read()[0]
        action['domain'] = [('recall_id', '=', self.id)]
        action['context'] = {'search_default_group_partner': 1, 'default_recall_id': self.id}
        return action

    @api.multi
    def action_view_customers(self):
        self.ensure_one()
        action = self.env.ref('lot_traceability.lot_recall_customer_action').read()[0]
        action['domain'] = [('recall_id', '=', self.id)]
        return action
