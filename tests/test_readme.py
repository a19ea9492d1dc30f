# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The addon's description (README.rst and static/description/index.html) is
generated from readme/*.rst by harness/gen_readme.py: both are up to date, and
Odoo shows it on the module's form."""
import os

from odoo.tests.common import TransactionCase

from harness import gen_readme


def test_generated_description_is_up_to_date():
    for path, text in gen_readme.outputs().items():
        with open(path, encoding='utf-8') as handle:
            assert handle.read() == text, (
                '%s is not up to date: run python -m harness.gen_readme'
                % os.path.relpath(path, gen_readme.REPO))


def test_description_has_every_fragment():
    rst = gen_readme.readme_rst()
    for fragment, title in gen_readme.FRAGMENTS:
        with open(os.path.join(gen_readme.ADDON_DIR, 'readme', fragment)) as handle:
            assert handle.read().strip() in rst
        assert title is None or '\n%s\n%s\n' % (title, '=' * len(title)) in rst
    fragment, title = gen_readme.CONTRIBUTORS
    assert '\n%s\n%s\n\n%s' % (title, '~' * len(title), gen_readme.fragment_text(fragment)) in rst


class TestModuleDescription(TransactionCase):

    def test_module_form_shows_the_description(self):
        module = self.env['ir.module.module'].search([('name', '=', 'lot_traceability')])
        self.assertIn('Know in seconds where every lot came from', module.description_html)
        self.assertIn('Known issues / Roadmap', module.description_html)
        self.assertEqual(module.website, gen_readme.manifest()['website'])
