# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Upgrading from 11.0.1.0.0 (migrations/11.0.1.1.0/post-migration.py): the
recall notice template (``noupdate``) gets the new text only where it still
holds a text 11.0.1.0.0 shipped, never where an administrator edited it; the
recall lines of that version get their customer. The migration function runs
on the demo database made to look like 11.0.1.0.0 left it."""
import hashlib
import importlib.util
import os

from odoo.modules.module import get_module_resource

from test_demo_story import DemoCase
from test_recall_notice import REASON, letter_text

FOLDER = get_module_resource('lot_traceability', 'migrations', '11.0.1.1.0')


def migration():
    spec = importlib.util.spec_from_file_location(
        'lot_traceability_post_migration_11_0_1_1_0', os.path.join(FOLDER, 'post-migration.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# SHA-1 of the two bodies 11.0.1.0.0 shipped (data/lot_recall_data.xml at
# commits 98ebcc0 and c82d792), white space collapsed
SHIPPED = ['3db17001ea33a39e092edc641551d1cb74ea5a71', 'd1eddc00979708d80f18fd2ffff5f79062b94cc8']


def old_texts():
    """The bodies of 11.0.1.0.0: the last one as its XML loader stored it
    (markup without the file's comment, the field's closing indentation after
    it), the first one as the migration knows it."""
    with open(os.path.join(FOLDER, 'recall_notice_body.html')) as handle:
        last = handle.read()
    last = last[last.index('-->') + 3:].lstrip() + '            '
    return [migration().old_bodies()[0], last]


class TestRecallNoticeMigration(DemoCase):

    def setUp(self):
        super(TestRecallNoticeMigration, self).setUp()
        self.template = self.ref('mail_template_lot_recall_customer')
        self.recall = self.env['lot.recall'].create({
            'reason': REASON, 'direction': 'both',
            'lot_ids': [(6, 0, self.lot('GRN-0001').ids)]})
        self.recall.action_compute()
        self.new_body = self.template.body_html
        self.assertIn('notice_lots', self.new_body)

    def as_left_by_the_old_version(self, body):
        """The template and the recall lines as 11.0.1.0.0 left them."""
        self.env.cr.execute('UPDATE mail_template SET body_html = %s, lang = NULL '
                            'WHERE id = %s', (body, self.template.id))
        self.env.cr.execute('UPDATE lot_recall_line SET customer_id = NULL WHERE recall_id = %s',
                            (self.recall.id,))
        self.env.clear()

    def customer_and_other_lines(self):
        lines = self.recall.line_ids
        return (lines.filtered(lambda line: line.kind in ('delivery', 'return')),
                lines.filtered(lambda line: line.kind not in ('delivery', 'return')))

    def test_both_old_texts_replaced_and_the_letter_names_the_product(self):
        texts = old_texts()
        module = migration()
        self.assertEqual([hashlib.sha1(module.normalised(text).encode()).hexdigest()
                          for text in texts], SHIPPED)
        for old in texts:
            self.assertIn('Reason: ${object.recall_id.reason', old)
            self.as_left_by_the_old_version(old)
            migration().migrate(self.env.cr, '11.0.1.0.0')
            self.env.clear()
            self.assertEqual(self.template.body_html, self.new_body)
            self.assertEqual(self.template.lang, '${object.partner_id.lang}')
        # the letter rendered from the migrated template: the product, not the reason
        action = self.recall.action_notify_customers()
        wizard = self.env[action['res_model']].browse(action['res_id'])
        self.assertTrue(wizard.line_ids)
        customers = wizard.line_ids.mapped('customer_id')
        for letter in wizard._letters(customers, wizard.customer_message).values():
            text = letter_text(letter['body_html'])
            self.assertIn('Crunchy Granola 500 g, lot GRN-0001', text)
            self.assertNotIn('QA NutCo', text)
            self.assertNotIn('Reason:', text)

    def test_edited_template_left_alone_and_customers_filled(self):
        edited = old_texts()[1].replace(
            'Please confirm receipt', 'Call our hotline 0800 123 456. Please confirm receipt')
        self.as_left_by_the_old_version(edited)
        customer_lines, other_lines = self.customer_and_other_lines()
        self.assertTrue(customer_lines and other_lines)
        self.assertFalse(customer_lines.mapped('customer_id'))
        self.assertIn('receipt', other_lines.mapped('kind'))     # the vendor's row
        migration().migrate(self.env.cr, '11.0.1.0.0')
        self.env.clear()
        self.assertEqual(self.template.body_html, edited)
        self.assertFalse(self.template.lang)
        # every delivery and return names its customer; a vendor is no customer
        for line in customer_lines:
            self.assertEqual(line.customer_id, line.partner_id, line.kind)
        self.assertFalse(other_lines.mapped('customer_id'))
        # as the trace fills them: the result lines grouped by customer match
        self.assertIn(self.ref('demo_customer_corner_deli'), customer_lines.mapped('customer_id'))

    def test_current_text_and_fresh_install_untouched(self):
        module = migration()
        module.migrate(self.env.cr, None)            # a new install: nothing to do
        self.assertEqual(self.template.body_html, self.new_body)
        self.assertFalse(module.update_notice_template(self.env))
        self.assertEqual(self.template.body_html, self.new_body)
