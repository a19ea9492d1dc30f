# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer to contact in a recall, with the contact data and lots as they
were when the trace was computed; mails sent to them are kept on it.
Written by the recall's trace only (as superuser): users read it.

The row belongs to the company that delivered (one row per customer and
company). The contact data is kept as evidence in ``contact_*`` fields that
only administrators read directly; users see it through ``address``,
``phone``, ``mobile`` and ``email``, which are empty (the address says why)
for a customer the reading user may not read."""
from collections import OrderedDict

from psycopg2 import sql

from odoo import _, api, fields, models
from odoo.tools import html_escape

from ..tools import formats

CONTACT_FIELDS = ('address', 'phone', 'mobile', 'email')


class LotRecallCustomer(models.Model):
    _name = 'lot.recall.customer'
    _description = 'Recall customer to contact'
    _inherit = ['mail.thread', 'lot.recall.row.mixin']
    _order = 'recall_id, name'
    _mail_post_access = 'read'  # evidence: read-only for users, who still log mails on it
    # written by lot.recall._store_results (tools/bulk_sql.py): thousands of
    # customers at once, without a creation message and follower each
    _STORED = ('partner_id', 'company_id', 'name', 'contact_address', 'contact_phone',
               'contact_mobile', 'contact_email', 'lot_names', 'references', 'lot_details',
               'delivered_qty', 'returned_qty', 'qty', 'uom_name', 'last_date')

    partner_id = fields.Many2one('res.partner', string='Customer', required=True)
    name = fields.Char('Name', required=True)
    contact_address = fields.Text('Address (kept)', groups='base.group_system')
    contact_phone = fields.Char('Phone (kept)', groups='base.group_system')
    contact_mobile = fields.Char('Mobile (kept)', groups='base.group_system')
    contact_email = fields.Char('Email (kept)', groups='base.group_system')
    address = fields.Text('Address', compute='_compute_contact')
    phone = fields.Char('Phone', compute='_compute_contact')
    mobile = fields.Char('Mobile', compute='_compute_contact')
    email = fields.Char('Email', compute='_compute_contact', search='_search_email')
    lot_names = fields.Char('Lots received')
    references = fields.Char('Deliveries')
    lot_details = fields.Text('Per lot', help='Delivered, returned and net quantity per lot.')
    delivered_qty = fields.Float('Delivered', digits=(16, 3), group_operator=None)
    returned_qty = fields.Float('Returned', digits=(16, 3), group_operator=None)
    qty = fields.Float('Net (kept)', digits=(16, 3), group_operator=None,
                       help='Delivered minus returned: what the customer may still have.')
    last_date = fields.Datetime('Last delivery')
    notice_lots = fields.Html(
        'Lots in the notice', compute='_compute_notice_lots',
        help="What the recall notice lists, in the customer's language: each product and "
             "lot, the deliveries (number, day, quantity), the returns apart, what the "
             "customer may still hold.")
    # a re-trace keeps the customers with messages logged on them (lot.recall._store_customers)
    dropped = fields.Boolean(
        'No longer found', readonly=True,
        help='Kept for the messages logged on it (a notice sent, a call noted): the latest '
             'trace of the recall no longer finds this customer.')

    @api.model_cr_context
    def _auto_init(self):
        # databases traced before the contact data moved to the contact_*
        # columns: move it there (the old columns are no fields any more)
        result = super(LotRecallCustomer, self)._auto_init()
        cr = self.env.cr
        cr.execute("""SELECT column_name FROM information_schema.columns
                       WHERE table_name = %s AND column_name IN %s""",
                   (self._table, CONTACT_FIELDS))
        for (name,) in cr.fetchall():
            cr.execute(sql.SQL('UPDATE {} SET {} = {} WHERE {} IS NULL').format(
                sql.Identifier(self._table), sql.Identifier('contact_' + name),
                sql.Identifier(name), sql.Identifier('contact_' + name)))
            cr.execute(sql.SQL('ALTER TABLE {} DROP COLUMN {}').format(
                sql.Identifier(self._table), sql.Identifier(name)))
        return result

    @api.depends('partner_id', 'contact_address', 'contact_phone', 'contact_mobile',
                 'contact_email')
    def _compute_contact(self):
        shown = self._contact_shown()
        for customer, kept in zip(self, self.sudo()):
            if customer in shown:
                for name in CONTACT_FIELDS:
                    customer[name] = kept['contact_' + name] or False
            else:
                customer.update(dict.fromkeys(CONTACT_FIELDS, False))
                customer.address = _('Not shown: you may not read this customer.')

    def _compute_notice_lots(self):
        Line = self.env['lot.recall.line']
        for customer in self:
            if not isinstance(customer.id, int):
                customer.notice_lots = False
                continue
            partner = customer.sudo().partner_id
            lang = partner.lang or customer.recall_id.user_id.lang
            tz = partner.tz or customer.recall_id.user_id.tz or self.env.user.tz
            lines = Line.search([
                ('recall_id', '=', customer.recall_id.id), ('partner_id', '=', partner.id),
                ('company_id', '=', customer.company_id.id), ('direction', '=', 'downstream'),
                ('kind', 'in', ('delivery', 'return'))], order='date, id')
            customer.notice_lots = customer._notice_html(lines, lang, tz)

    def _notice_html(self, lines, lang, tz):
        """The recall notice's list of LINES (deliveries and returns of one
        customer), per product, lot and unit, in LANG and TZ."""
        entries = OrderedDict()
        for line in lines:
            entry = entries.setdefault(
                (line.product_name or '', line.lot_name or '', line.uom_name or ''),
                {'delivery': [], 'return': []})
            entry[line.kind].append(line)

        def qty(value, uom):
            return html_escape('%s %s' % (formats.format_qty(self.env, value, lang), uom))

        def docs(moves):
            return ', '.join(
                html_escape(_('%s on %s') % (
                    move.reference or _('a delivery'),
                    formats.format_day(self.env, move.date, lang, tz)))
                if move.date else html_escape(move.reference or '') for move in moves)

        items = []
        for (product, lot, uom), entry in entries.items():
            delivered = sum(move.qty for move in entry['delivery'])
            returned = sum(move.qty for move in entry['return'])
            if not entry['delivery']:
                continue
            text = _('<strong>%s</strong>, lot <strong>%s</strong>: %s delivered (%s)') % (
                html_escape(product), html_escape(lot), qty(delivered, uom),
                docs(entry['delivery']))
            if entry['return']:
                text += _('; %s returned to us (%s)') % (
                    qty(returned, uom), docs(entry['return']))
                text += _('; you may still hold %s') % qty(delivered - returned, uom)
            items.append('<li>%s.</li>' % text)
        return '<ul>%s</ul>' % ''.join(items) if items else False

    def _contact_shown(self):
        """The rows of these whose customer the current user may read."""
        rows = self.filtered(lambda row: isinstance(row.id, int))
        readable = self.env['res.partner']._lot_readable_ids(
            rows.sudo().mapped('partner_id').ids)
        return rows.filtered(lambda row: row.sudo().partner_id.id in readable)

    @api.model
    def _search_email(self, operator, value):
        """Search on the email as the user sees it: a hidden email is empty."""
        matching = self.sudo().search([('contact_email', operator, value)])
        ids = set(matching.sudo(self.env.uid)._contact_shown().ids)
        if (operator == '=' and not value) or (operator == '!=' and value):
            every = self.search([])
            ids |= set((every - every._contact_shown()).ids)
        return [('id', 'in', sorted(ids))]

    @api.model
    def _values_from_lines(self, lines):
        """The customer rows of a trace (dicts with _STORED keys): one per
        customer and company that received an affected lot (forward
        deliveries), with delivered, returned and net per lot and unit.
        LINES: the trace's result line values (dicts with lot.recall.line's
        _STORED keys, partner_name the partner's display name), read as they
        are; the partners' contact data is read for all at once (thousands of
        customers at full scale)."""
        by_partner = {}
        kinds = self.env['lot.recall.line'].CUSTOMER_KINDS
        moves = [line for line in lines if line['direction'] == 'downstream'
                 and line.get('partner_id') and line['kind'] in kinds]
        for line in sorted(moves, key=lambda rec: rec.get('date') or ''):
            # one row per customer and company: each company sees its own deliveries
            entry = by_partner.setdefault((line['partner_id'], line.get('company_id') or False), {
                'lots': {}, 'refs': [], 'date': False, 'delivered': False,
                'name': line.get('partner_name')})
            per_lot = entry['lots'].setdefault((line['lot_name'], line.get('uom_name') or ''),
                                               {'delivered': 0.0, 'returned': 0.0})
            # Deliveries: the deliveries only (a return is no delivery)
            if line['kind'] == 'delivery' and line.get('reference') \
                    and line['reference'] not in entry['refs']:
                entry['refs'].append(line['reference'])
            if line['kind'] == 'delivery':
                entry['delivered'] = True
                per_lot['delivered'] += line['qty']
                entry['date'] = max(entry['date'] or '', line.get('date') or '') or False
            else:
                per_lot['returned'] += line['qty']
        # only the columns the address uses, for every partner at once
        partners = {partner.id: partner for partner in self.env['res.partner'].with_context(
            prefetch_fields=False).browse(sorted({partner_id for partner_id, _co in by_partner}))}
        values = []
        for (partner_id, company_id), entry in sorted(
                by_partner.items(), key=lambda item: (item[0][0], item[0][1] or 0)):
            partner = partners[partner_id]
            if not entry['delivered']:
                continue  # a return without a delivery found by this trace
            contact = partner.commercial_partner_id
            units = {uom for _lot, uom in entry['lots']}
            delivered = sum(v['delivered'] for v in entry['lots'].values())
            returned = sum(v['returned'] for v in entry['lots'].values())
            details = [_('%s: delivered %s %s, returned %s %s, net %s %s') % (
                lot, formats.plain_qty(v['delivered']), uom, formats.plain_qty(v['returned']), uom,
                formats.plain_qty(v['delivered'] - v['returned']), uom)
                for (lot, uom), v in entry['lots'].items()]
            values.append({
                'partner_id': partner.id,
                'company_id': company_id,
                # the line's partner name is already the display name
                'name': entry['name'] or partner.display_name,
                # kept as evidence; shown to users who may read the partner
                'contact_address': partner._display_address(without_company=True).strip(),
                'contact_phone': partner.phone or contact.phone or '',
                'contact_mobile': partner.mobile or contact.mobile or '',
                'contact_email': partner.email or contact.email or '',
                'lot_names': ', '.join(lot for lot, _uom in entry['lots']),
                'lot_details': '\n'.join(details),
                'references': ', '.join(entry['refs']),
                # totals only make sense in one unit; per lot they are in lot_details
                'delivered_qty': delivered if len(units) == 1 else 0.0,
                'returned_qty': returned if len(units) == 1 else 0.0,
                'qty': delivered - returned if len(units) == 1 else 0.0,
                'uom_name': units.pop() if len(units) == 1 else _('several units'),
                'last_date': entry['date'],
            })
        return values
