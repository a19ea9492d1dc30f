# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The addon's mixins on models of another module: fake models registered for
the test only with odoo-test-helper's FakeModelLoader (rolled back with the
test transaction).

- a document inheriting ``lot.scan.mixin`` gets the scan outcomes of a transfer;
- a record inheriting ``lot.sequence.mixin`` draws lot numbers from the same
  sequences, in the same order of precedence, as products do;
- a line inheriting ``lot.override.mixin`` records a lot change in the
  override log."""
from odoo_test_helper import FakeModelLoader

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import SavepointCase

import factories
from scan_data import GTIN_CUP, GTIN_MILK, GTIN_STRANGER, ScanData, gs1_code


def fake_models():
    """The fake model classes, defined only once the registry is backed up
    (FakeModelLoader warns about test models imported before)."""
    from odoo import _, api, fields, models

    # tests/ is outside the addon, so a class here would belong to the module
    # "test_mixins", which is not installed: the row reflecting a Many2many
    # table (ir.model.relation) needs an installed module, so the fake models
    # are the addon's, as they would be in the addon's own tests folder.
    addon = 'lot_traceability'

    class FakeScanDocument(models.Model):
        _name = 'lot.test.scan.document'
        _module = addon
        _inherit = ['lot.scan.mixin']
        _description = 'Test document scanned through lot.scan.mixin'

        name = fields.Char(required=True)
        move_ids = fields.Many2many('stock.move', string='Moves')

        def _lot_scan_move_domain(self):
            return [('id', 'in', self.move_ids.ids)]

    class FakeSequenceHolder(models.Model):
        _name = 'lot.test.sequence.holder'
        _module = addon
        _inherit = ['lot.sequence.mixin']
        _description = 'Test record numbering lots through lot.sequence.mixin'

        name = fields.Char(required=True)
        company_id = fields.Many2one('res.company', required=True,
                                     default=lambda self: self.env.user.company_id)

        @api.multi
        def _lot_sequence(self, company):
            """Like product.template._lot_sequence: its own sequence, else
            COMPANY's default, skipping sequences that cannot number lots
            (the one rule: ir.sequence._lot_sequence_first_usable)."""
            self.ensure_one()
            sequence = self.env['ir.sequence']._lot_sequence_first_usable(
                [self.sudo().lot_sequence_id, company.sudo().lot_sequence_id], company)
            if sequence:
                return sequence
            raise UserError(_('No lot sequence for %s.') % self.name)

        @api.multi
        def _create_lot(self, product):
            self.ensure_one()
            name = self._lot_sequence(self.company_id).next_by_id()
            return self.env['stock.production.lot'].create({
                'name': name, 'product_id': product.id, 'company_id': self.company_id.id})

    class FakeOverrideLine(models.Model):
        _name = 'lot.test.override.line'
        _module = addon
        _inherit = ['lot.override.mixin']
        _description = 'Test line changing its lot through lot.override.mixin'

        product_id = fields.Many2one('product.product', required=True)
        lot_id = fields.Many2one('stock.production.lot')

        @api.multi
        def action_confirm_lot(self):
            """Like the production wizard's lines: refuse an unusable lot,
            require a reason for another lot than the planned one, log it."""
            self.ensure_one()
            error = self.lot_id._usability_error()
            if error:
                raise UserError(error)
            if not self.lot_is_override:
                return self.env['lot.override.log']
            reason = (self.lot_override_reason or '').strip()
            if not reason:
                raise UserError(_('Give a reason for the lot change.'))
            return self.env['lot.override.log']._record(
                self.planned_lot_id, self.lot_id, reason, origin='form')

    return FakeScanDocument, FakeSequenceHolder, FakeOverrideLine


class TestMixinsOnFakeModels(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestMixinsOnFakeModels, cls).setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        cls.loader.update_registry(fake_models())
        cls.data = ScanData(cls.env, tag='M')
        cls.milk = cls.data.milk

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super(TestMixinsOnFakeModels, cls).tearDownClass()

    # ------------------------------------------------------------ lot.scan.mixin
    def scan_document(self):
        return self.env['lot.test.scan.document'].create({
            'name': 'Fake Document', 'move_ids': [(6, 0, self.data.delivery.move_lines.ids)]})

    def state(self):
        lines = self.data.delivery.move_line_ids
        lines.invalidate_cache()
        return (sorted((rec.id, rec.lot_id.id, rec.lot_name, rec.qty_done) for rec in lines),
                self.env['stock.production.lot'].search_count([]))

    def test_scan_accepted(self):
        document = self.scan_document()
        line = self.data.lines(self.data.delivery, self.milk)
        answer = document.lot_scan(gs1_code(GTIN_MILK, lot='MILK-A', count=2))
        self.assertEqual((answer['status'], answer['code']), ('ok', 'matched'), answer['message'])
        self.assertEqual(answer['line'], {'id': line.id, 'product': self.milk.display_name,
                                          'lot': 'MILK-A', 'qty_done': 2.0, 'qty_todo': 5.0})
        self.assertEqual(line.qty_done, 2)
        document.lot_scan(GTIN_CUP[1:])
        self.assertEqual(self.data.lines(self.data.delivery, self.data.cup).qty_done, 1)

    def test_scan_refusals_are_those_of_the_transfer(self):
        document = self.scan_document()
        expected = [
            ('MILK-B', 'warning', 'lot_not_planned', 'MILK-A'),
            ('NO-SUCH-THING', 'error', 'unknown', 'NO-SUCH-THING'),
            ('MILK-OLD', 'error', 'expired', 'MILK-OLD'),
            (gs1_code(GTIN_STRANGER), 'error', 'wrong_product', 'Fake Document'),
        ]
        for barcode, status, code, word in expected:
            before = self.state()
            answer = document.lot_scan(barcode)
            self.assertEqual((answer['status'], answer['code']), (status, code), barcode)
            self.assertIn(word, answer['message'])
            self.assertEqual(self.state(), before, 'a refused scan wrote something')
            same = self.data.delivery.lot_scan(barcode)
            self.assertEqual((same['status'], same['code']), (status, code), barcode)

    def test_scan_quarantined_lot_refused(self):
        document = self.scan_document()
        self.data.lot_a.action_quarantine('supplier warning')
        before = self.state()
        answer = document.lot_scan(gs1_code(GTIN_MILK, lot='MILK-A'))
        self.assertEqual((answer['status'], answer['code']), ('error', 'quarantined'))
        self.assertIn('MILK-A', answer['message'])
        self.assertEqual(self.state(), before)

    def test_scan_wrong_lot_with_a_reason_is_logged(self):
        document = self.scan_document()
        line = self.data.lines(self.data.delivery, self.milk)
        # MILK-B has stock where the delivery picks: it gets a line of its own
        factories.add_stock(self.env, self.milk, self.data.stock, 3, lot=self.data.lot_b)
        answer = document.lot_scan('MILK-B', reason='planned box damaged')
        self.assertEqual((answer['status'], answer['code']), ('warning', 'lot_not_planned'))
        new = self.data.lines(self.data.delivery, self.milk) - line
        self.assertEqual((line.lot_id, line.qty_done), (self.data.lot_a, 0))
        self.assertEqual((new.lot_id, new.qty_done), (self.data.lot_b, 1))
        self.assertEqual(answer['line']['id'], new.id)
        log = self.env['lot.override.log'].search([('move_line_id', '=', new.id)])
        self.assertEqual((log.origin, log.reason, log.planned_lot_id, log.actual_lot_id),
                         ('scan', 'planned box damaged', self.data.lot_a, self.data.lot_b))

    # ------------------------------------------------------------ lot.sequence.mixin
    def sequence(self, name, prefix, **values):
        return self.env['ir.sequence'].create(dict(
            values, name=name, prefix=prefix, padding=3, lot_sequence=True))

    def test_sequence_lots_drawn_like_a_product(self):
        company = self.env.user.company_id
        sequence = self.sequence('Mixin lots', 'MIX-')
        holder = self.env['lot.test.sequence.holder'].create({
            'name': 'Holder', 'lot_sequence_id': sequence.id})
        product = self.env['product.product'].create({
            'name': 'Mixin flour', 'type': 'product', 'tracking': 'lot',
            'lot_sequence_id': sequence.id})
        Lot = self.env['stock.production.lot']
        names = [Lot._create_auto_lot(product, company).name,
                 holder._create_lot(product).name,
                 Lot._create_auto_lot(product, company).name]
        self.assertEqual(names, ['MIX-001', 'MIX-002', 'MIX-003'])
        # an archived sequence is skipped for the company's default, as for products
        sequence.active = False
        default = company.lot_sequence_id
        self.assertTrue(default)
        self.assertEqual(holder._lot_sequence(company), default)
        self.assertEqual(product.product_tmpl_id._lot_sequence(company), default)

    def test_sequence_must_be_a_lot_sequence_of_the_company(self):
        Holder = self.env['lot.test.sequence.holder']
        other = self.env['ir.sequence'].create({'name': 'Not for lots', 'prefix': 'NL-'})
        with self.assertRaises(ValidationError):
            Holder.create({'name': 'Bad', 'lot_sequence_id': other.id})
        company = self.env['res.company'].create({'name': 'Mixin Other Co'})
        foreign = self.sequence('Other company lots', 'OC-', company_id=company.id)
        with self.assertRaises(ValidationError):
            Holder.create({'name': 'Foreign', 'lot_sequence_id': foreign.id})

    def test_sequence_only_managers_change_it(self):
        sequence = self.sequence('Mixin rights', 'MR-')
        holder = self.env['lot.test.sequence.holder'].create({'name': 'Rights'})
        group = self.env.ref('stock.group_stock_user')
        self.env['ir.model.access'].create({
            'name': 'fake holder', 'group_id': group.id, 'perm_read': True,
            'perm_write': True, 'perm_create': True,
            'model_id': self.env['ir.model'].search(
                [('model', '=', 'lot.test.sequence.holder')]).id})
        user = factories.user(self.env, 'Mixin Worker', 'mixin_worker', [group])
        mine = holder.sudo(user)
        mine.write({'name': 'Renamed'})
        self.assertEqual(holder.name, 'Renamed')
        with self.assertRaisesRegex(AccessError, 'Only Inventory managers'):
            mine.write({'lot_sequence_id': sequence.id})
        self.assertFalse(holder.lot_sequence_id)
        user.groups_id = [(4, self.env.ref('stock.group_stock_manager').id)]
        mine.write({'lot_sequence_id': sequence.id})
        self.assertEqual(holder.lot_sequence_id, sequence)

    # ------------------------------------------------------------ lot.override.mixin
    def test_override_recorded_in_the_log(self):
        Line = self.env['lot.test.override.line']
        line = Line.create({'product_id': self.milk.id, 'planned_lot_id': self.data.lot_a.id,
                            'lot_id': self.data.lot_a.id})
        self.assertFalse(line.lot_is_override)
        self.assertFalse(line.action_confirm_lot())
        line.lot_id = self.data.lot_b
        self.assertTrue(line.lot_is_override)
        with self.assertRaisesRegex(UserError, 'reason'):
            line.action_confirm_lot()
        line.lot_override_reason = 'planned lot not on the shelf'
        log = line.action_confirm_lot()
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.planned_lot_id, log.actual_lot_id, log.product_id, log.reason, log.origin,
             log.user_id),
            (self.data.lot_a, self.data.lot_b, self.milk, 'planned lot not on the shelf', 'form',
             self.env.user))
        self.assertEqual(self.env['lot.override.log'].search(
            [('actual_lot_id', '=', self.data.lot_b.id), ('origin', '=', 'form')]), log)

    def test_override_to_an_unusable_lot_refused(self):
        line = self.env['lot.test.override.line'].create({
            'product_id': self.milk.id, 'planned_lot_id': self.data.lot_a.id,
            'lot_id': self.data.lot_old.id, 'lot_override_reason': 'anything'})
        with self.assertRaisesRegex(UserError, 'expired'):
            line.action_confirm_lot()
        self.assertFalse(self.env['lot.override.log'].search(
            [('actual_lot_id', '=', self.data.lot_old.id)]))
