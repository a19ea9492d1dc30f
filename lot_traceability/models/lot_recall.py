# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A recall case: start lots, the trace computed from them, containment,
exports and the drill record (how long tracing took)."""
import base64
import io
import json
import time

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

from ..db_errors import time_budget
from ..tools import bulk_sql, formats, fsma_events, mass_balance, mass_balance_sql, recall_xlsx
from ..tools.chatter import html_body


def _minutes(start, end):
    """Minutes from START to END (datetime strings); 0 when one is missing."""
    if not start or not end:
        return 0.0
    delta = fields.Datetime.from_string(end) - fields.Datetime.from_string(start)
    return delta.total_seconds() / 60.0


# trace row keys copied onto a result line as they are
LINE_KEYS = ('kind', 'level', 'qty', 'reference', 'res_model', 'res_id')

# result lines of the companies a reader works for (_reader_companies)
READER_COMPANY_OK = ('(%(all_companies)s OR company_id IS NULL '
                     'OR company_id = ANY(%(company_ids)s::int[]))')

# written only by the recall's own actions (evidence: what was found, when)
SYSTEM_FIELDS = frozenset([
    'state', 'date_open', 'date_computed', 'date_closed', 'date_first_export',
    'compute_seconds', 'export_seconds', 'snapshot', 'line_ids', 'customer_ids',
    'quarantined_lot_ids', 'balance_ids', 'reconciliation_pct', 'reconciled',
    'date_reconciled'])

# models whose messages and attachments are a recall's record: nobody below
# Settings edits or deletes them (mail.message, ir.attachment overrides)
EVIDENCE_MODELS = ('lot.recall', 'lot.recall.customer')

# the recall fields kept in the close evidence (attachment), as they were
EVIDENCE_FIELDS = (
    'name', 'reason', 'direction', 'state', 'is_drill', 'company_id', 'user_id', 'lot_ids',
    'date_open', 'date_computed', 'date_closed', 'date_first_export', 'compute_seconds',
    'export_seconds', 'time_to_trace', 'quarantined_lot_ids', 'reconciliation_pct',
    'reconciled', 'date_reconciled', 'line_count', 'affected_lot_count', 'customer_count',
    'quantity_summary')


class LotRecall(models.Model):
    _name = 'lot.recall'
    _description = 'Recall case'
    _inherit = ['mail.thread']
    _order = 'id desc'

    name = fields.Char('Reference', required=True, copy=False, readonly=True,
                       default=lambda self: _('New'), track_visibility='onchange')
    reason = fields.Text('Reason', required=True, track_visibility='onchange',
                         help='What is wrong, who reported it, what is at stake. Internal: '
                              'customers are told the Message to customers.')
    customer_message = fields.Text(
        'Message to customers', track_visibility='onchange',
        default=lambda self: self._default_customer_message(),
        help='What the recall notice tells customers about the problem (the internal reason '
             'is not sent). Reviewed and sent with Notify customers.')
    lot_ids = fields.Many2many('stock.production.lot', 'lot_recall_start_lot_rel',
                               'recall_id', 'lot_id', string='Start lots', required=True,
                               help='Material or finished lots the problem starts from.')
    direction = fields.Selection([
        ('both', 'Both ways'),
        ('downstream', 'Forward (where it went)'),
        ('upstream', 'Backward (made from)'),
    ], string='Trace', required=True, default='both', track_visibility='onchange',
        help='Both ways: where the start lots went and what they were made of.')
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
    # megabytes at full scale: read only where it is used, not with every field
    # every company's rows (each carries its company_id): read by the
    # recall's own code, which shows a user the rows of their companies
    snapshot = fields.Text('Snapshot', readonly=True, copy=False, prefetch=False,
                           groups='base.group_system',
                           help='The trace rows as computed, kept as they were when the '
                                'recall was closed.')
    line_ids = fields.One2many('lot.recall.line', 'recall_id', string='Result lines',
                               readonly=True, copy=False)
    customer_ids = fields.One2many('lot.recall.customer', 'recall_id', string='Customers',
                                   readonly=True, copy=False)
    quarantined_lot_ids = fields.Many2many(
        'stock.production.lot', 'lot_recall_quarantined_lot_rel', 'recall_id', 'lot_id',
        string='Lots quarantined by this recall', readonly=True, copy=False)
    affected_stock_lot_ids = fields.Many2many(
        'stock.production.lot', string='Affected lots in stock', compute='_compute_counts',
        help='Every affected lot still in stock, quarantined (by whom, why) or not.')
    line_count = fields.Integer('Result lines', compute='_compute_counts')
    affected_lot_count = fields.Integer('Affected lots', compute='_compute_counts')
    customer_count = fields.Integer('Customers', compute='_compute_counts')
    delivered_qty = fields.Float('Quantity delivered', compute='_compute_counts')
    returned_qty = fields.Float('Quantity returned', compute='_compute_counts')
    stock_qty = fields.Float('Quantity in stock', compute='_compute_counts')
    quantity_summary = fields.Text(
        'Quantities', compute='_compute_counts',
        help='Delivered, returned by customers, net at customers and in stock, per unit.')

    # mass balance
    # (tools/mass_balance.py): is every unit of the affected lots accounted for?
    balance_ids = fields.One2many('lot.recall.balance', 'recall_id', string='Mass balance',
                                  readonly=True, copy=False)
    reconciliation_pct = fields.Float(
        'Reconciled (%)', readonly=True, copy=False, digits=(16, 2),
        help='100 when the quantity made or received of every affected lot is accounted for '
             '(on hand, at identified customers, consumed into traced lots, scrapped, returned '
             'to the vendor); else the lowest share explained per unit of measure.')
    reconciled = fields.Boolean('Fully reconciled', readonly=True, copy=False)
    date_reconciled = fields.Datetime('Fully reconciled on', readonly=True, copy=False,
                                      help='When the reconciliation first reached 100 %.')
    time_to_reconcile = fields.Float(
        'Time to full reconciliation (min)', compute='_compute_time_to_reconcile',
        digits=(16, 1), help='From opening the case to the first 100 % reconciliation.')

    @api.model
    def _default_customer_message(self):
        return _('As a precaution, we are recalling these lots: they may not meet our '
                 'quality standards.')

    @api.depends('date_open', 'date_first_export')
    def _compute_time_to_trace(self):
        for recall in self:
            recall.time_to_trace = _minutes(recall.date_open, recall.date_first_export)

    @api.depends('line_ids', 'customer_ids')
    def _compute_counts(self):
        # a recall has thousands of result lines: counted and summed in SQL
        figures = self._line_figures()
        for recall in self:
            count, lot_ids, by_unit = figures.get(recall.id, (0, [], {}))
            recall.line_count = count
            affected = recall.lot_ids | recall.lot_ids.browse(lot_ids)
            recall.affected_lot_count = len(affected)
            recall.customer_count = len(recall.customer_ids)
            recall.delivered_qty = sum(t['delivery'] for t in by_unit.values())
            recall.returned_qty = sum(t['return'] for t in by_unit.values())
            recall.stock_qty = sum(t['stock'] for t in by_unit.values())
            recall.quantity_summary = recall._quantity_summary(by_unit)
            recall.affected_stock_lot_ids = recall._affected_lots_in_stock(affected)

    def _line_figures(self):
        """{recall id: (line count, lots found forward, {unit: {'delivery',
        'return', 'stock': forward quantity}})} from three queries."""
        ids = [recall.id for recall in self if isinstance(recall.id, int)]
        if not ids:
            return {}
        cr = self.env.cr
        found = self._found_lot_ids(readers_companies=True)
        figures = {recall_id: [0, found.get(recall_id, []), {}] for recall_id in ids}
        # the lines of the reader's companies only, as the record rule shows them
        params = dict(self._reader_companies(), ids=ids)
        cr.execute("""SELECT recall_id, count(*) FROM lot_recall_line
                       WHERE recall_id = ANY(%(ids)s) AND """ + READER_COMPANY_OK + """
                       GROUP BY recall_id""", params)
        for recall_id, count in cr.fetchall():
            figures[recall_id][0] = count
        cr.execute("""SELECT recall_id, coalesce(uom_name, ''), kind, sum(qty)
                        FROM lot_recall_line
                       WHERE recall_id = ANY(%(ids)s) AND direction = 'downstream'
                         AND kind IN ('delivery', 'return', 'stock')
                         AND """ + READER_COMPANY_OK + """
                       GROUP BY 1, 2, 3""", params)
        for recall_id, uom, kind, qty in cr.fetchall():
            totals = figures[recall_id][2].setdefault(
                uom, {'delivery': 0.0, 'return': 0.0, 'stock': 0.0})
            totals[kind] = float(qty or 0.0)
        return {recall_id: tuple(values) for recall_id, values in figures.items()}

    def _found_lot_ids(self, readers_companies=False):
        """{recall id: ids of the lots its trace found forward}, in one query
        (READERS_COMPANIES: from the lines of the current user's companies
        only, as shown to them)."""
        ids = [recall.id for recall in self if isinstance(recall.id, int)]
        if not ids:
            return {}
        params = {'ids': ids, 'all_companies': True, 'company_ids': []}
        if readers_companies:
            params.update(self._reader_companies())
        self.env.cr.execute("""SELECT recall_id, array_agg(DISTINCT lot_id) FROM lot_recall_line
                                WHERE recall_id = ANY(%(ids)s) AND direction = 'downstream'
                                  AND lot_id IS NOT NULL AND """ + READER_COMPANY_OK + """
                                GROUP BY recall_id""", params)
        return dict(self.env.cr.fetchall())

    @api.model
    def _quantity_summary(self, by_unit):
        """One text line per unit: quantities of different units never add up."""
        def fmt(qty):
            return formats.format_qty(self.env, qty)
        return '\n'.join(
            _('%s %s delivered, %s %s returned, %s %s net at customers, %s %s in stock') % (
                fmt(t['delivery']), uom, fmt(t['return']), uom,
                fmt(t['delivery'] - t['return']), uom, fmt(t['stock']), uom)
            for uom, t in sorted(by_unit.items())) or _('Nothing delivered or in stock.')

    @api.depends('date_open', 'date_reconciled')
    def _compute_time_to_reconcile(self):
        for recall in self:
            recall.time_to_reconcile = _minutes(recall.date_open, recall.date_reconciled)

    @api.model
    def create(self, vals):
        # the web client sends the defaults (draft, nothing recorded yet): those are fine
        written = [key for key in SYSTEM_FIELDS.intersection(vals)
                   if vals[key] and not (key == 'state' and vals[key] == 'draft')]
        if written:
            raise UserError(_('A recall starts as a draft; these fields are filled by its '
                              'actions, not by hand: %s') % ', '.join(sorted(written)))
        if vals.get('name', _('New')) == _('New'):
            vals['name'] = self.env['ir.sequence'].next_by_code('lot.recall') or _('New')
        return super(LotRecall, self).create(vals)

    @api.multi
    def write(self, vals):
        """A recall is evidence: its results and timings are written by its
        actions only (``_write_system``), and a closed recall is not edited."""
        written = SYSTEM_FIELDS.intersection(vals)
        if written:
            raise UserError(_('These fields of a recall are recorded by its actions and '
                              'cannot be changed by hand: %s') % ', '.join(sorted(written)))
        if 'message_ids' in vals and not self.env.user._lot_is_system():
            # messages are posted; the ones there are its record (mail.message)
            raise AccessError(_('The messages of a recall are its record: post a new one, '
                                'they cannot be changed or deleted.'))
        if any(not key.startswith(('message_', 'activity_')) for key in vals):
            closed = self.filtered(lambda r: r.state == 'closed')
            if closed:
                raise UserError(_('Recall %s is closed: it keeps what was known when it was '
                                  'closed. Reopen it to change it.')
                                % ', '.join(closed.mapped('name')))
        return super(LotRecall, self).write(vals)

    @api.multi
    def unlink(self):
        """A recall that was opened is evidence (its chatter, customers and
        close records): only Settings deletes it. An Inventory Manager deletes
        drafts (never traced), with their creation message."""
        self.check_access_rights('unlink')
        self.check_access_rule('unlink')
        if self.env.user._lot_is_system():
            return super(LotRecall, self).unlink()
        kept = self.filtered(lambda r: r.state != 'draft')
        if kept:
            raise AccessError(_('Recall %s was opened: it is kept as evidence and only an '
                                'administrator (Settings) can delete it.')
                              % ', '.join(kept.mapped('name')))
        return super(LotRecall, self.sudo()).unlink()

    # ------------------------------------------------------------------ states
    @api.multi
    def action_open(self):
        for recall in self:
            if recall.state != 'draft':
                raise UserError(_('Only a draft recall can be opened.'))
            recall._write_system({'state': 'open', 'date_open': fields.Datetime.now()})
        return True

    @api.multi
    def action_close(self):
        for recall in self:
            if recall.state != 'open':
                raise UserError(_('Only an open recall can be closed.'))
            recall._write_system({'state': 'closed', 'date_closed': fields.Datetime.now()})
            evidence = recall._keep_evidence()
            recall.message_post(body=_('Recall closed: %d result lines, %d affected lots and '
                                       '%d customers kept as known now.')
                                % (recall.line_count, recall.affected_lot_count,
                                   recall.customer_count), attachment_ids=evidence.ids)
        return True

    @api.multi
    def action_reopen(self):
        """The Reopen button: a recall manager gives the reason in a dialog
        (``lot.recall.reopen``), which reopens through ``_reopen``."""
        self.ensure_one()
        self._check_recall_manager()
        if self.state != 'closed':
            raise UserError(_('Recall %s is not closed.') % self.name)
        return {
            'type': 'ir.actions.act_window', 'res_model': 'lot.recall.reopen',
            'view_mode': 'form', 'target': 'new', 'name': _('Reopen %s') % self.name,
            'context': {'default_recall_id': self.id},
        }

    @api.model
    def _check_recall_manager(self):
        """The one check behind reopening a closed recall."""
        if not self.env.user._lot_is_recall_manager():
            raise AccessError(_('Only an Inventory Manager or a Quality Manager can reopen a '
                                'closed recall.'))

    def _reopen(self, reason):
        """Reopen this closed recall for REASON (required), after keeping
        what was known at its close (``_keep_evidence``); the chatter says
        who reopened it, when and why."""
        self.ensure_one()
        self._check_recall_manager()
        self.check_access_rule('write')
        reason = (reason or '').strip()
        if not reason:
            raise UserError(_('Say why recall %s is reopened.') % self.name)
        if self.state != 'closed':
            raise UserError(_('Recall %s is not closed.') % self.name)
        evidence = self._keep_evidence()
        closed_on = self.date_closed
        self._write_system({'state': 'open', 'date_closed': False})
        self.message_post(body=_(
            'Recall reopened by %s on %s UTC. Reason: %s<br/>What was known at its close on '
            '%s UTC stays in %s.') % tuple(html_escape(value) for value in (
                self.env.user.name, fields.Datetime.now(), reason, closed_on,
                evidence.name)))
        return True

    # ------------------------------------------------------------------ evidence
    def _evidence_name(self):
        return _('%s closed on %s UTC.json') % (
            self.name.replace('/', '-'), (self.date_closed or '').replace(':', '-'))

    def _keep_evidence(self):
        """The recall as it is at its close (fields, snapshot of the trace
        rows, customers, mass balance), kept as a JSON attachment on the
        recall named with the close date; made once per close. Nobody below
        Settings edits or deletes it (ir.attachment override)."""
        self.ensure_one()
        Attachment = self.env['ir.attachment'].sudo()
        name = self._evidence_name()
        # made by the code (as superuser), never a user's upload of the same name
        existing = Attachment.search([('res_model', '=', self._name), ('res_id', '=', self.id),
                                      ('name', '=', name), ('create_uid', '=', SUPERUSER_ID)],
                                     limit=1)
        if existing:
            return existing
        recall = self.sudo()
        customers = recall.env['lot.recall.customer']
        content = {
            'recall': recall.read(list(EVIDENCE_FIELDS))[0],
            'start_lots': recall.lot_ids.mapped('name'),
            'snapshot': json.loads(recall.snapshot or '[]'),
            # who got what; no contact data (a private address's stays with its partner)
            'customers': recall.customer_ids.read(
                ['partner_id'] + [key for key in customers._STORED
                                  if key != 'partner_id' and not key.startswith('contact_')]),
            'mass_balance': [line._sheet_row() for line in recall.balance_ids],
        }
        data = json.dumps(content, default=str, sort_keys=True, indent=1).encode('utf-8')
        return Attachment.create({
            'name': name, 'datas_fname': name, 'res_model': self._name, 'res_id': self.id,
            'mimetype': 'application/json', 'company_id': self.company_id.id,
            'datas': base64.b64encode(data),
            'description': _('What recall %s knew when it was closed.') % self.name,
        })

    # ------------------------------------------------------------------ trace
    @api.multi
    def action_compute(self):
        """Trace the start lots and store what was found (lines, customers,
        snapshot, mass balance). Stock users with write access to the recall;
        a closed recall or one without start lots is refused, nothing traced.
        A trace about to pass the request's time limit stops with a UserError."""
        self.check_access_rights('write')
        self.check_access_rule('write')
        self._check_traceable()
        with time_budget(self.env, _('Trace affected lots of recall %s')
                         % ', '.join(self.mapped('name'))) as budget:
            for recall in self:
                recall._compute_trace(budget)
        return True

    def _check_traceable(self):
        """A closed recall keeps what was known at its close; a trace needs
        start lots."""
        for recall in self:
            if recall.state == 'closed':
                raise UserError(_('Recall %s is closed: it keeps what was known when it was '
                                  'closed. Reopen it to trace again.') % recall.name)
            if not recall.lot_ids:
                raise UserError(_('Choose at least one start lot for recall %s.') % recall.name)

    def _compute_trace(self, budget):
        """Open this recall if it is a draft, trace it, store the results and
        the time it took, reconcile the affected lots and say what was found.
        BUDGET stops a trace about to pass the request's time limit."""
        self.ensure_one()
        if self.state == 'draft':
            self.action_open()
        started = time.perf_counter()
        rows = self._trace_rows()
        budget.check()
        self._store_trace(rows, budget)
        self._write_system({
            'compute_seconds': time.perf_counter() - started,
            'date_computed': fields.Datetime.now(),
        })
        self._reconcile(found_lot_ids=sorted(
            {row['lot_id'] for row in rows
             if row['direction'] == 'downstream' and row.get('lot_id')}))
        self._post_trace_summary()

    def _store_trace(self, rows, budget):
        """Store the trace ROWS as this recall's result lines, customers and
        snapshot. They are written by the trace only (users read them); the
        snapshot keeps every company's rows (administrators only read it)."""
        self._set_row_companies(rows)
        line_vals = self._line_values(rows)
        budget.check()
        system = self.sudo()
        system._store_results('lot.recall.line', line_vals)
        system._store_customers(system.env['lot.recall.customer']._values_from_lines(line_vals))
        budget.check()
        self.invalidate_cache()
        system._write_system({'snapshot': json.dumps(rows, default=str, sort_keys=True)})

    def _post_trace_summary(self):
        self.message_post(body=_('Trace computed in %.2f s: %d result lines, %d affected '
                                 'lots, %d customers.')
                          % (self.compute_seconds, self.line_count,
                             self.affected_lot_count, self.customer_count))

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
        kinds = dict(self.env['lot.recall.line']._fields['kind'].selection)
        # partners as display_name shows them, all at once
        partner_names = dict(self.env['res.partner'].sudo().with_context(
            prefetch_fields=False).browse(
            sorted({row['partner_id'] for row in rows if row.get('partner_id')})).name_get())
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
                'partner_name': partner_names.get(row.get('partner_id')) or False,
                'origin_lot_id': row.get('origin_lot_id') or False,
                'company_id': row.get('company_id') or self.company_id.id,
                'location_id': location.id,
                'location_name': (row.get('location_dest_name') if inbound
                                  else row.get('location_name')) or location.display_name or '',
                'workcenter': row.get('workcenter') or '',
                'operator': row.get('operator') or '',
            })
            if vals['kind'] not in kinds:
                vals['kind'] = 'other'
            vals['customer_id'] = vals['partner_id'] if vals['kind'] in \
                self.env['lot.recall.line'].CUSTOMER_KINDS else False
            lines.append(vals)
        return lines

    def _set_row_companies(self, rows):
        """Give each trace row of ROWS the company it is about (``company_id``):
        the company of its move, of its manufacturing order or of the stock
        location; else its lot's; else this recall's. Four queries at most."""
        cr = self.env.cr

        def companies(query, ids):
            if not ids:
                return {}
            cr.execute(query, (sorted(ids),))
            return dict(cr.fetchall())

        by_move_line = companies(
            """SELECT ml.id, m.company_id FROM stock_move_line ml
                 JOIN stock_move m ON m.id = ml.move_id WHERE ml.id = ANY(%s)""",
            {row['move_line_id'] for row in rows if row.get('move_line_id')})
        by_production = companies(
            'SELECT id, company_id FROM mrp_production WHERE id = ANY(%s)',
            {row['production_id'] for row in rows if row.get('production_id')})
        by_location = companies(
            'SELECT id, company_id FROM stock_location WHERE id = ANY(%s)',
            {row['location_id'] for row in rows
             if row.get('kind') == 'stock' and row.get('location_id')})
        by_lot = companies(
            'SELECT id, company_id FROM stock_production_lot WHERE id = ANY(%s)',
            {row['lot_id'] for row in rows if row.get('lot_id')})
        for row in rows:
            if row.get('move_line_id'):
                company = by_move_line.get(row['move_line_id'])
            elif row.get('production_id'):
                company = by_production.get(row['production_id'])
            elif row.get('kind') == 'stock':
                company = by_location.get(row.get('location_id'))
            else:
                company = None
            row['company_id'] = company or by_lot.get(row.get('lot_id')) or self.company_id.id
        return rows

    @api.multi
    def _snapshot_rows(self):
        """The stored trace rows the current user may see: those of the
        companies they work for (every row for the superuser)."""
        self.ensure_one()
        self.check_access_rights('read')
        self.check_access_rule('read')
        snapshot = self.sudo().snapshot
        if not snapshot:
            return []
        rows = json.loads(snapshot)
        company_ids = self.env['stock.production.lot']._trace_company_ids()
        if company_ids is None:
            return rows
        allowed = set(company_ids)
        return [row for row in rows if row.get('company_id') in allowed]

    def _reader_companies(self):
        """Parameters of the condition READER_COMPANY_OK: the companies the
        current user works for, as the record rules see them (all for the
        superuser)."""
        company_ids = self.env['stock.production.lot']._trace_company_ids()
        return {'all_companies': company_ids is None, 'company_ids': company_ids or []}

    def _affected_lots(self):
        """Start lots and every lot found downstream: what may carry the problem."""
        lots = self.mapped('lot_ids')
        for lot_ids in self._found_lot_ids().values():
            lots |= lots.browse(lot_ids)
        return lots

    # ------------------------------------------------------------------ containment
    def _affected_lots_in_stock(self, affected=None):
        quants = self.env['stock.quant'].search([
            ('lot_id', 'in', (self._affected_lots() if affected is None else affected).ids),
            ('location_id.usage', '=', 'internal'), ('quantity', '>', 0)])
        return quants.mapped('lot_id')

    @api.multi
    def action_quarantine_affected(self):
        """Quarantine every affected lot still in stock, with the recall as reason."""
        for recall in self:
            if recall.state == 'draft' or not recall.date_computed:
                raise UserError(_('Trace recall %s first: the affected lots are not known yet.')
                                % recall.name)
            in_stock = recall._affected_lots_in_stock()
            lots = in_stock.filtered(lambda lot: not lot.quarantined)
            if not lots:
                if len(self) == 1:
                    return recall._notify_nothing_to_quarantine(in_stock)
                continue
            lots.action_quarantine(_('Recall %s: %s') % (recall.name, recall.reason))
            recall._write_system({'quarantined_lot_ids': [(4, lot.id) for lot in lots]})
            recall.message_post(body=html_body(_('Quarantined %d lots in stock: %s'),
                                               len(lots), ', '.join(lots.mapped('name'))))
        return True

    def _notify_nothing_to_quarantine(self, in_stock):
        """Nothing left to block: say what is already blocked, by whom, and since when."""
        if not in_stock:
            message = _('No affected lot of recall %s is in stock: there is nothing to '
                        'quarantine.') % self.name
        else:
            message = _('Every affected lot of recall %s in stock is already quarantined:') % (
                self.name)
            for lot in in_stock:
                message += '\n' + _('%s: by %s on %s (%s)') % (
                    lot.name, lot.quarantine_user_id.name or _('unknown'),
                    fields.Datetime.context_timestamp(
                        self, fields.Datetime.from_string(lot.quarantine_date)).strftime(
                            '%Y-%m-%d %H:%M') if lot.quarantine_date else _('unknown date'),
                    (lot.quarantine_reason or '').strip() or _('no reason given'))
        return {'type': 'ir.actions.client', 'tag': 'lot_traceability.notify',
                'params': {'title': _('Nothing to quarantine'), 'message': message,
                           'sticky': True}}

    @api.multi
    def action_release_quarantine(self):
        """Undo this recall's containment: release the lots it quarantined."""
        for recall in self:
            lots = recall.quarantined_lot_ids.filtered('quarantined')
            if not lots:
                raise UserError(_('Recall %s has no lot in quarantine to release.') % recall.name)
            lots.action_release(_('Recall %s: containment released') % recall.name)
            recall._write_system({'quarantined_lot_ids': [(3, lot.id) for lot in lots]})
            recall.message_post(body=html_body(_('Released %d lots from quarantine: %s'),
                                               len(lots), ', '.join(lots.mapped('name'))))
        return True

    # ------------------------------------------------------------------ exports
    @api.multi
    def action_export_xlsx(self):
        """The Export XLSX button: record the export (first export, time), then let the
        web client download the workbook the way it downloads reports (the form stays
        usable). The download itself (a GET) writes nothing."""
        self.ensure_one()
        if not self.date_computed:
            raise UserError(_('Trace recall %s first: there is nothing to export yet.') % self.name)
        self._export_xlsx()
        return self.env['lot.fsma.request']._download_action(
            '/lot_traceability/recall/%d/xlsx' % self.id)

    @api.multi
    def action_export_epcis(self):
        self.ensure_one()
        if not self.date_computed:
            raise UserError(_('Trace recall %s first: there is nothing to export yet.') % self.name)
        # downloaded like the XLSX: the form stays usable (an act_url 'self'
        # left every button disabled until a reload)
        return self.env['lot.fsma.request']._download_action(
            '/lot_traceability/recall/%d/epcis' % self.id)

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
        ] + self._xlsx_quantities() + [
            (_('Result lines'), self.line_count),
        ]

    def _xlsx_quantities(self):
        """Delivered, returned and in stock, one row each per unit: quantities of
        different units never add up."""
        _count, _lots, by_unit = self._line_figures().get(self.id, (0, [], {}))
        rows = []
        for uom, totals in sorted(by_unit.items()):
            rows += [(_('Quantity delivered (%s)') % uom, totals['delivery']),
                     (_('Quantity returned (%s)') % uom, totals['return']),
                     (_('Quantity in stock (%s)') % uom, totals['stock'])]
        return rows or [(_('Quantities'), _('Nothing delivered or in stock.'))]

    def _format_number(self, value, digits=3):
        """VALUE in the reader's language (the recall's PDF)."""
        return formats.format_qty(self.env, value, digits=digits)

    def _xlsx_content(self):
        """The recall workbook as bytes and the row counts per sheet; writes nothing.
        An export about to pass the request's time limit stops with a UserError."""
        self.ensure_one()
        stream = io.BytesIO()
        with time_budget(self.env, _('The XLSX export of recall %s') % self.name) as budget:
            summary = self._xlsx_summary()
            balance = self._mass_balance_sheet()
            budget.check()
            # the event rows are read while the workbook is written
            counts = recall_xlsx.write_recall_workbook(
                stream, summary, fsma_events.workbook_rows(self._fsma_reader()),
                mass_balance=balance,
                date_format=self.env['lot.fsma.request']._xlsx_date_format())
        return stream.getvalue(), counts

    def _fsma_reader(self):
        """The FSMA events of the traced lots (start lots and every lot of the
        result lines): receipts and deliveries of those lots, and every
        transformation that made one of them, with all its inputs."""
        self.ensure_one()
        lots = self.lot_ids | self.line_ids.mapped('lot_id')
        return fsma_events.EventReader(self.env.cr, lot_ids=lots.ids,
                                       company_ids=self.company_id.ids, lot_mode='output')

    def _export_epcis(self, write):
        """The recall's EPCIS 2.0 document through WRITE (a function taking str
        chunks); writes nothing else. Private: the download route calls it."""
        self.ensure_one()
        return self.env['lot.fsma.request']._write_epcis(write, self._fsma_reader(),
                                                         self.company_id)

    def _export_xlsx(self):
        """The recall workbook as bytes; records the export in the drill timing
        (a closed recall keeps the timing it had at its close)."""
        self.ensure_one()
        started = time.perf_counter()
        content, counts = self._xlsx_content()
        vals = {'export_seconds': time.perf_counter() - started}
        if not self.date_first_export:
            vals['date_first_export'] = fields.Datetime.now()
        if self.state != 'closed':
            self._write_system(vals)
        self.message_post(body=_('XLSX exported in %.2f s (receiving %d, transformation %d, '
                                 'shipping %d rows).')
                          % (vals['export_seconds'], counts['Receiving'],
                             counts['Transformation'], counts['Shipping']))
        return content

    # ------------------------------------------------------------------ customers
    @api.multi
    def action_notify_customers(self):
        """Show the letter each customer gets, rendered, and send it on review."""
        self.ensure_one()
        return self.env['lot.recall.notify']._open_for(self)

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

    # ------------------------------------------------------------------ mass balance
    @api.multi
    def action_reconcile(self):
        """Compute the mass balance of the affected lots again (e.g. after
        identifying a customer); records the first time it reaches 100 %."""
        for recall in self:
            if recall.state != 'open' or not recall.date_computed:
                raise UserError(_('Trace the open recall %s first: reconciliation needs its '
                                  'affected lots.') % recall.name)
            recall._reconcile()
        return True

    def _reconcile(self, found_lot_ids=None):
        """Reconcile the affected lots: start lots and every lot found
        forward (FOUND_LOT_IDS: those of the trace just stored, else read
        from the result lines in one query).  Two statements (the mass
        balance with lot and product names and units, the consumption into
        traced lots) and one INSERT: no ORM read per lot."""
        self.ensure_one()
        cr = self.env.cr
        if found_lot_ids is None:
            lots = self._affected_lots()
        else:
            lots = self.lot_ids | self.lot_ids.browse(found_lot_ids)
        lots.check_access_rule('read')
        self.env['stock.move.line'].recompute()     # pending stored states first
        balances = mass_balance_sql.mass_balance(cr, lots.ids, lots._trace_company_ids(),
                                                 with_unidentified=True, with_lot=True)
        consumed = mass_balance_sql.consumed_into(cr, lots.ids, lots.ids)
        lot_companies = {lot.id: lot.company_id.id for lot in lots}
        values = []
        for balance in balances:
            lot_id = balance['lot_id']
            figures = mass_balance.reconcile_lot(balance, consumed.get(lot_id, 0.0),
                                                 balance['unidentified'], balance['digits'])
            values.append(figures)
            figures.update({
                'company_id': lot_companies.get(lot_id) or self.company_id.id,
                'lot_name': balance['lot_name'], 'product_id': balance['product_id'],
                'product_name': balance['product_name'],
                'uom_name': balance['uom'],
                'abs_unexplained': abs(figures['unexplained']),
                'balance_unexplained': balance['unexplained'],
            })
            figures.update({key: balance[key] for key in (
                'received', 'produced', 'returned', 'adjusted_in', 'consumed', 'delivered',
                'adjusted_out')})
        pct = mass_balance.headline_pct(values)
        reconciled = all(v['reconciled'] for v in values)
        self._store_results('lot.recall.balance', values)
        vals = {'reconciliation_pct': pct, 'reconciled': reconciled}
        first = reconciled and not self.date_reconciled
        if first:
            vals['date_reconciled'] = fields.Datetime.now()
        self._write_system(vals)
        if first:
            self.message_post(body=_('Mass balance fully reconciled (%d lots) after %.1f min.')
                              % (len(values), self.time_to_reconcile))
        elif not reconciled:
            self.message_post(body=_('Mass balance reconciled to %.2f %%: %d of %d lots with '
                                     'unexplained quantities.')
                              % (pct, len([v for v in values if not v['reconciled']]),
                                 len(values)))
        return values

    def _mass_balance_sheet(self):
        """(lot rows, total rows per unit) for the XLSX Mass balance sheet."""
        rows = [line._sheet_row() for line in self.balance_ids]
        return rows, mass_balance.totals(rows)

    # ------------------------------------------------------------------ helpers
    def _write_system(self, vals):
        """The recall's own actions record results, states and timings here."""
        return super(LotRecall, self).write(vals)

    def _store_customers(self, values):
        """Store the customers of a new trace (VALUES) but keep every
        customer row with a message logged on it (a notice sent, a call
        noted): the row, its id and its messages stay; it takes the figures
        of the new trace, or keeps its own, marked *No longer found*, when
        the new trace does not find that customer."""
        self.ensure_one()
        self.env.cr.execute("""
            SELECT c.partner_id, c.company_id, c.id FROM lot_recall_customer c
             WHERE c.recall_id = %s AND EXISTS (
                   SELECT 1 FROM mail_message m
                    WHERE m.model = 'lot.recall.customer' AND m.res_id = c.id)""", (self.id,))
        # one row per customer and company
        logged = {(partner_id, company_id or False): customer_id
                  for partner_id, company_id, customer_id in self.env.cr.fetchall()}

        def key(vals):
            return vals['partner_id'], vals.get('company_id') or False

        self._store_results('lot.recall.customer',
                            [vals for vals in values if key(vals) not in logged],
                            keep_ids=list(logged.values()))
        Customer = self.env['lot.recall.customer'].with_context(tracking_disable=True)
        found = {key(vals): vals for vals in values}
        for partner_key, customer_id in logged.items():
            vals = found.get(partner_key)
            customer = Customer.browse(customer_id)
            if vals:
                customer.write(dict({key: vals.get(key) or False for key in Customer._STORED},
                                    dropped=False))
            else:
                customer.write({'dropped': True})

    def _store_results(self, model, values, keep_ids=()):
        """Replace this recall's result lines, customers or balance lines
        (MODEL) by VALUES, dicts with the model's ``_STORED`` keys: one
        DELETE and a few INSERTs (tools/bulk_sql.py), as the ORM would store
        them but without one create each (thousands of rows at full scale).
        Rows of KEEP_IDS are not deleted."""
        self.ensure_one()
        Model = self.env[model]
        cr = self.env.cr
        # the table is one of ours, never input
        cr.execute('DELETE FROM "%s" WHERE recall_id = %%s AND NOT (id = ANY(%%s))'
                   % Model._table, (self.id, list(keep_ids)))
        # rows that carry their own company (lines, customers) keep it
        fixed = {'recall_id': self.id}
        if 'company_id' not in Model._STORED:
            fixed['company_id'] = self.company_id.id
        bulk_sql.store_records(
            cr, Model._table, fixed,
            [(key, Model._fields[key].type) for key in Model._STORED], values,
            self.env.uid, fields.Datetime.now())
        Model.invalidate_cache()
        # only the one2many: the rest of the recall (its snapshot of thousands
        # of rows among it) stays cached
        self.invalidate_cache([name for name, field in self._fields.items()
                               if field.type == 'one2many' and field.comodel_name == model])
