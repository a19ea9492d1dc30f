# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Notify customers of a recall: the letter each customer will get, rendered
(products and lots, deliveries and returns with their days and quantities in
the customer's language, the message to customers, what to do, contact),
reviewed on screen with the message editable, then sent; each mail is kept on
the customer, and the sender is told how many customers were notified."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

from ..tools.actions import open_record_action
from ..tools.chatter import html_body


class LotRecallNotify(models.TransientModel):
    _name = 'lot.recall.notify'
    _description = 'Recall notices to customers'

    recall_id = fields.Many2one('lot.recall', string='Recall', required=True, readonly=True)
    customer_message = fields.Text(
        'Message to customers',
        help='What each letter tells the customer about the problem (the internal reason of '
             'the recall is not sent). Kept on the recall when you send.')
    line_ids = fields.One2many('lot.recall.notify.line', 'wizard_id', string='Letters',
                               readonly=True)
    letters = fields.Html('Letters', readonly=True,
                          help='Each letter as the customer will read it.')
    without_email = fields.Text('Customers without email', readonly=True,
                                help='Call them: they get no letter.')

    @api.model
    def _open_for(self, recall):
        customers = recall.customer_ids
        with_email = customers.filtered('email')
        if not with_email:
            raise UserError(_('No customer of recall %s has an email address.') % recall.name)
        message = recall.customer_message or recall._default_customer_message()
        letters = self._letters(with_email, message)
        wizard = self.create({
            'recall_id': recall.id,
            'customer_message': message,
            'letters': self._letters_html(with_email, letters),
            'without_email': '\n'.join('%s: %s' % (c.name, c.phone or c.mobile or _('no phone'))
                                       for c in customers - with_email),
            'line_ids': [(0, 0, {'customer_id': customer.id}) for customer in with_email],
        })
        return open_record_action(wizard, _('Notify customers of %s') % recall.name, 'new')

    @api.model
    def _letters(self, customers, message):
        """{customer id: {'subject', 'body_html'}}: the letters CUSTOMERS get with MESSAGE."""
        template = self.env.ref('lot_traceability.mail_template_lot_recall_customer')
        return template.with_context(lot_recall_message=message).generate_email(
            customers.ids, fields=['subject', 'body_html'])

    @api.model
    def _letters_html(self, customers, letters):
        return ''.join(
            '<div class="o_lot_recall_letter" style="border: 1px solid #ddd; padding: 8px;'
            ' margin-bottom: 12px;"><p><strong>%s</strong> &lt;%s&gt;<br/><em>%s</em></p>'
            '%s</div>' % (html_escape(customer.name), html_escape(customer.email),
                          html_escape(letters[customer.id]['subject'] or ''),
                          letters[customer.id]['body_html'] or '')
            for customer in customers)

    @api.onchange('customer_message')
    def _onchange_customer_message(self):
        """The letters shown again with the message as it is being edited."""
        customers = self.line_ids.mapped('customer_id')
        if customers and self.customer_message:
            self.letters = self._letters_html(
                customers, self._letters(customers, self.customer_message))

    @api.multi
    def action_send(self):
        """Send the letters as reviewed (with the message as edited), keep the
        message on the recall, and say how many customers were notified."""
        self.ensure_one()
        recall = self.recall_id
        if recall.state != 'open':
            raise UserError(_('Only an open recall notifies its customers.'))
        customers = self.line_ids.mapped('customer_id')
        if customers - recall.customer_ids:
            raise AccessError(_('These letters are for customers of another recall.'))
        customers = customers.filtered('email')
        if not customers:
            raise UserError(_('No customer of recall %s has an email address.') % recall.name)
        message = (self.customer_message or recall.customer_message or '').strip()
        if not message:
            raise UserError(_('Write the message to customers first: the letter says what '
                              'the problem is.'))
        if message != (recall.customer_message or '').strip():
            recall.write({'customer_message': message})
        template = self.env.ref('lot_traceability.mail_template_lot_recall_customer')
        for customer in customers.with_context(lot_recall_message=message):
            customer.message_post_with_template(template.id, composition_mode='comment')
        recall.message_post(body=html_body(
            _('Recall notice sent to %d customers: %s'), len(customers),
            ', '.join(customers.mapped('name'))))
        text = _('Recall notice sent to %d customers.') % len(customers)
        if self.without_email:
            text += '\n' + _('Without email (call them): %s') % self.without_email
        return {'type': 'ir.actions.client', 'tag': 'lot_traceability.notify',
                'params': {'title': _('Customers notified'), 'message': text,
                           'next': {'type': 'ir.actions.act_window_close'}}}


class LotRecallNotifyLine(models.TransientModel):
    _name = 'lot.recall.notify.line'
    _description = 'Recall notice to one customer'

    wizard_id = fields.Many2one('lot.recall.notify', required=True, ondelete='cascade')
    customer_id = fields.Many2one('lot.recall.customer', string='Customer', required=True,
                                  readonly=True)
    # as the user sees it: empty for a customer they may not read
    email = fields.Char(related='customer_id.email', readonly=True, related_sudo=False)
