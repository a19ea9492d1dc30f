# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The recall notice a customer reads, on the demo story (GRN-0001: FreshMart 40,
Corner Deli 30 then 10 back, Hotel Bellevue 30): each lot with its product,
the message to customers instead of the internal reason, returns apart from
the deliveries, days and numbers in the customer's language, reviewed and
edited before sending, and a confirmation saying how many were notified."""
import re

import html2text

from odoo import fields
from odoo.exceptions import AccessError

import factories
from test_demo_story import DemoCase

REASON = 'HZN-0001 aflatoxin above limit. Call from QA NutCo 10:05'


def letter_text(body):
    """The letter as the customer reads it (the mail's HTML as text, without
    the markdown of bold text)."""
    converter = html2text.HTML2Text()
    converter.body_width = 0
    text = converter.handle(body or '').replace('**', '')
    return re.sub(r' +([,:;.])', r'\1', text)


def german(env):
    """de_DE with German days and numbers (31.12.2026, 1.250,5)."""
    lang = env['res.lang'].browse(env['res.lang'].load_lang('de_DE'))
    lang.write({'date_format': '%d.%m.%Y', 'decimal_point': ',', 'thousands_sep': '.',
                'grouping': '[3,0]'})
    return lang


class TestRecallNotice(DemoCase):

    def setUp(self):
        super(TestRecallNotice, self).setUp()
        self.recall = factories.traced_recall(self.env, self.lot('GRN-0001'), REASON,
                                              direction='downstream')
        self.deli = self.ref('demo_customer_corner_deli')

    def open_wizard(self, recall=None):
        action = (recall or self.recall).action_notify_customers()
        return self.env[action['res_model']].browse(action['res_id'])

    def letters(self, wizard):
        """{customer: {'subject', 'body_html'}}: the letter each customer of
        WIZARD gets, rendered with the wizard's message as it sends them."""
        customers = wizard.line_ids.mapped('customer_id')
        letters = wizard._letters(customers, wizard.customer_message)
        return {customer: letters[customer.id] for customer in customers}

    def letter_of(self, wizard, partner):
        """The body of the letter PARTNER gets from WIZARD."""
        return next(letter['body_html'] for customer, letter in self.letters(wizard).items()
                    if customer.partner_id == partner)

    def test_letter_names_the_product_and_says_the_message_not_the_reason(self):
        wizard = self.open_wizard()
        self.assertEqual(wizard.customer_message, self.recall.customer_message)
        self.assertTrue(self.recall.customer_message)
        letters = self.letters(wizard)
        self.assertEqual(len(letters), len(wizard.line_ids))
        for letter in letters.values():
            text = letter_text(letter['body_html'])
            self.assertIn('[AC-FG-GRN500] Crunchy Granola 500 g, lot GRN-0001: ', text)
            self.assertIn(self.recall.customer_message, text)
            self.assertNotIn('NutCo', text)
            self.assertNotIn('aflatoxin', text)
            self.assertNotIn('aflatoxin', letter['subject'])

    def test_a_return_is_a_return_not_a_delivery(self):
        customer = self.recall.customer_ids.filtered(lambda c: c.partner_id == self.deli)
        deliveries = self.env['lot.recall.line'].search([
            ('recall_id', '=', self.recall.id), ('partner_id', '=', self.deli.id)])
        delivery = deliveries.filtered(lambda line: line.kind == 'delivery')
        back = deliveries.filtered(lambda line: line.kind == 'return')
        self.assertEqual((len(delivery), len(back)), (1, 1))
        # the customer's Deliveries are the deliveries only
        self.assertEqual(customer.references, delivery.reference)
        text = letter_text(self.letter_of(self.open_wizard(), self.deli))
        self.assertIn('30 Unit(s) delivered (%s on ' % delivery.reference, text)
        self.assertIn('10 Unit(s) returned to us (%s on ' % back.reference, text)
        self.assertIn('you may still hold 20 Unit(s)', text)
        self.assertNotIn('Deliveries:', text)

    def test_days_and_numbers_in_the_customers_language(self):
        german(self.env)
        self.deli.write({'lang': 'de_DE', 'tz': 'Europe/Berlin'})
        line = self.env['lot.recall.line'].search([
            ('recall_id', '=', self.recall.id), ('partner_id', '=', self.deli.id),
            ('kind', '=', 'delivery')])
        # a delivery of 1,250.5 units on the last evening of the year (UTC): the next
        # day in Berlin
        line.sudo().write({'qty': 1250.5, 'date': '2026-12-31 23:30:00'})
        text = letter_text(self.letter_of(self.open_wizard(), self.deli))
        self.assertIn('1.250,5 Unit(s) delivered (%s on 01.01.2027)' % line.reference, text)
        self.assertIn('you may still hold 1.240,5 Unit(s)', text)
        # the other customers keep English days
        fresh = self.ref('demo_customer_freshmart')
        day = fields.Datetime.context_timestamp(
            self.env.user.with_context(tz=fresh.tz or self.recall.user_id.tz),
            fields.Datetime.from_string(self.env['lot.recall.line'].search([
                ('recall_id', '=', self.recall.id), ('partner_id', '=', fresh.id),
                ('kind', '=', 'delivery')]).date))
        text = letter_text(self.letter_of(self.open_wizard(), fresh))
        self.assertIn(' on %s)' % day.strftime('%m/%d/%Y'), text)

    def test_edited_message_is_sent_kept_and_confirmed(self):
        wizard = self.open_wizard()
        message = 'Allergen labelling error: the hazelnut content is not declared.'
        wizard.customer_message = message
        wizard._onchange_customer_message()
        self.assertIn(message, wizard.letters)
        mails_before = self.env['mail.mail'].search([]).ids
        action = wizard.action_send()
        mails = self.env['mail.mail'].search([('id', 'not in', mails_before),
                                              ('model', '=', 'lot.recall.customer')])
        customers = self.recall.customer_ids.filtered('email')
        self.assertEqual(len(mails), len(customers))
        for mail in mails:
            text = letter_text(mail.body_html)
            self.assertIn(message, text)
            self.assertNotIn('NutCo', text)
            self.assertIn('Crunchy Granola 500 g', text)
        self.assertEqual(self.recall.customer_message, message)
        self.assertEqual(action['tag'], 'lot_traceability.notify')
        self.assertEqual(action['params']['message'].splitlines()[0],
                         'Recall notice sent to %d customers.' % len(customers))
        self.assertEqual(action['params']['next'], {'type': 'ir.actions.act_window_close'})

    def test_letters_only_to_the_recalls_customers(self):
        other = factories.traced_recall(self.env, self.lot('GRN-0002'), 'another case',
                                        direction='downstream')
        wizard = self.open_wizard()
        stranger = other.customer_ids.filtered(
            lambda c: c.partner_id == self.ref('demo_customer_green_basket'))
        self.assertTrue(stranger)
        wizard.write({'line_ids': [(0, 0, {'customer_id': stranger.id})]})
        mails_before = self.env['mail.mail'].search([]).ids
        messages_before = self.recall.message_ids
        with self.assertRaises(AccessError):
            wizard.action_send()
        self.assertFalse(self.env['mail.mail'].search([('id', 'not in', mails_before)]))
        self.assertEqual(self.recall.message_ids, messages_before)


def test_quality_manager_reviews_edits_and_sends_the_notice(browser, odoo_server):
    """In Chromium: the letters show the product and the message to customers
    (not the reason), the message is edited and the letters follow, Send says
    how many customers were notified and the form stays usable."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    from conftest import registry_env
    from test_browser import login
    from test_recall_http import click_visible_button
    from test_recall_workspace_browser import open_form, shot
    with registry_env(odoo_server.db) as env:
        recall = factories.traced_recall(env, env.ref('lot_traceability.demo_lot_grn_0001'),
                                         REASON, direction='downstream')
        recall_id = recall.id
        count = len(recall.customer_ids.filtered('email'))
        customers = recall.customer_ids.filtered('email').ids
    assert count == 3
    wait = WebDriverWait(browser, 120)
    browser.set_window_size(1400, 900)
    login(browser, odoo_server)
    open_form(browser, odoo_server, 'lot.recall', recall_id, 'lot_traceability.lot_recall_action')
    click_visible_button(browser, 'Notify customers')
    dialog = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))
    wait.until(lambda d: 'Dear' in dialog.text)
    text = dialog.text
    assert '[AC-FG-GRN500] Crunchy Granola 500 g, lot GRN-0001: 30 Unit(s) delivered' in text
    assert '10 Unit(s) returned to us' in text
    assert 'NutCo' not in text and 'aflatoxin' not in text
    message = dialog.find_element(By.CSS_SELECTOR, 'textarea[name="customer_message"]')
    message.clear()
    message.send_keys('Undeclared hazelnut: do not sell to customers with a nut allergy.')
    # leaving the field (a click beside it) sends the change: the letters follow
    dialog.find_element(By.CSS_SELECTOR, '.modal-title').click()
    letters = dialog.find_element(By.CSS_SELECTOR, '.o_field_widget[name="letters"]')
    wait.until(lambda d: letters.text.count('Undeclared hazelnut: do not sell') == 3)
    assert 'As a precaution' not in letters.text
    shot(browser, 'recall_notice_review.png')
    dialog.find_element(By.XPATH, './/button[normalize-space()="Send"]').click()
    notice = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.o_notification')))
    assert 'Recall notice sent to 3 customers.' in notice.text
    wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, '.oe_chatter'),
                                                'Recall notice sent to 3 customers'))
    shot(browser, 'recall_notice_sent.png')
    click_visible_button(browser, 'Export XLSX')   # the form is usable
    with registry_env(odoo_server.db) as env:
        recall = env['lot.recall'].browse(recall_id)
        assert recall.customer_message.startswith('Undeclared hazelnut')
        mails = env['mail.message'].search([('model', '=', 'lot.recall.customer'),
                                            ('res_id', 'in', customers)])
        assert len(mails) == 3
        for mail in mails:
            body = letter_text(mail.body)
            assert 'Undeclared hazelnut' in body and 'NutCo' not in body
            assert 'Crunchy Granola 500 g' in body
