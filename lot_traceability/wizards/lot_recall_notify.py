# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Notify customers of a recall: the letter each customer will get, rendered
(lots, delivered / returned / net quantities, delivery dates, what to do,
contact), reviewed on screen, then sent; each mail is kept on the customer."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from ..tools.chatter import html_body


class LotRecallNotify(models.TransientModel):
    _name = 'lot.recall.notify'
    _description = 'Recall notices to customers'

    recall_id = fields.Many2one('lot.recall', string='Recall', required=True, readonly=True)
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
        template = self.env.ref('lot_traceability.mail_template_lot_recall_customer')
        letters = template.generate_email(with_email.ids, fields=['subject', 'body_html'])
        parts = []
        for customer in with_email:
            parts.append(
                '<div class="o_lot_recall_letter" style="border: 1px solid #ddd; padding: 8px;'
                ' margin-bottom: 12px;"><p><strong>%s</strong> &lt;%s&gt;<br/><em>%s</em></p>'
                '%s</div>' % (html_escape(customer.name), html_escape(customer.email),
                              html_escape(letters[customer.id]['subject'] or ''),
                              letters[customer.id]['body_html'] or ''))
        wizard = self.create({
            'recall_id': recall.id,
            'letters': ''.join(parts),
            'without_email': '\n'.join('%s: %s' % (c.name, c.phone or c.mobile or _('no phone'))
                                       for c in customers - with_email),
            'line_ids': [(0, 0, {'customer_id': customer.id,
                                 'subject': letters[customer.id]['subject'],
                                 'body': letters[customer.id]['body_html']})
                         for customer in with_email],
        })
        return {
            'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': wizard.id,
            'view_mode': 'form', 'target': 'new',
            'name': _('Notify customers of %s') % recall.name,
        }

    @api.multi
    def action_send(self):
        self.ensure_one()
        if self.recall_id.state != 'open':
            raise UserError(_('Only an open recall notifies its customers.'))
        template = self.env.ref('lot_traceability.mail_template_lot_recall_customer')
        for line in self.line_ids:
            line.customer_id.message_post_with_template(template.id, composition_mode='comment')
        self.recall_id.message_post(body=html_body(
            _('Recall notice sent to %d customers: %s'), len(self.line_ids),
            ', '.join(self.line_ids.mapped('customer_id.name'))))
        return {'type': 'ir.actions.act_window_close'}


class LotRecallNotifyLine(models.TransientModel):
    _name = 'lot.recall.notify.line'
    _description = 'Recall notice to one customer'

    wizard_id = fields.Many2one('lot.recall.notify', required=True, ondelete='cascade')
    customer_id = fields.Many2one('lot.recall.customer', string='Customer', required=True,
                                  readonly=True)
    # as the user sees it: empty for a customer they may not read
    email = fields.Char(related='customer_id.email', readonly=True, related_sudo=False)
    subject = fields.Char('Subject', readonly=True)
    body = fields.Html('Letter', readonly=True)
