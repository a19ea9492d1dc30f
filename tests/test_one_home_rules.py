# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One home per rule: every form of a rule says the same thing.

- "May this lot be used" (tools/lot_rules.py): the Python predicate, the SQL
  condition of the reservation, the ORM domains (lots offered, "Expired"
  search), the genealogy graph's flags and the scan's codes and messages
  agree for lots in every state;
- "may this sequence number lots" (ir.sequence);
- the product's display name in SQL matches name_get for variants;
- the "open this record" action."""
import itertools
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError

from odoo.addons.lot_traceability.tools import lot_rules, mass_balance_sql
from odoo.addons.lot_traceability.tools.actions import open_record_action
from odoo.addons.lot_traceability.tools.product_sql import product_name_sql

import factories
from fefo_common import FefoCase

RELEASE_STATES = (lot_rules.RELEASED, lot_rules.PENDING, lot_rules.REJECTED)
# end of life relative to now (days; None: no date): expired, expiring
# within the customer's cutoff, far off, none
LIFE_DAYS = {'expired': -1, 'expiring': 3, 'far': 60, 'no date': None}
CUTOFF_DAYS = 10


class TestLotRuleHomesAgree(FefoCase):

    @classmethod
    def setUpClass(cls):
        super(TestLotRuleHomesAgree, cls).setUpClass()
        cls.matrix = {}
        for state, quarantined, life in itertools.product(
                RELEASE_STATES, (False, True), sorted(LIFE_DAYS)):
            days = LIFE_DAYS[life]
            lot = factories.lot(cls.env, cls.product, 'H-%s-%s-%s' % (
                state, 'Q' if quarantined else 'F', life.replace(' ', '')),
                life_date=factories.utc(days) if days is not None else False)
            if state != lot_rules.RELEASED:
                lot._write_release({'release_state': state})
            if quarantined:
                lot._write_quarantine({'quarantined': True, 'quarantine_reason': 'held'})
            cls.matrix[lot] = (state, quarantined, life)
        cls.lots = cls.env['stock.production.lot'].browse([lot.id for lot in cls.matrix])

    def now(self):
        return fields.Datetime.from_string(fields.Datetime.now())

    def test_python_sql_and_domains_agree_for_every_state(self):
        Lot = self.env['stock.production.lot']
        now = self.now()
        for cutoff, release_needed in itertools.product(
                (None, now + timedelta(days=CUTOFF_DAYS)), (True, False)):
            case = 'cutoff %s, release needed %s' % (cutoff, release_needed)
            python = self.lots.filtered(lambda lot: lot._block_reason(cutoff, release_needed))
            sql = Lot.browse(sorted(
                Lot._blocked_lot_ids(self.product, cutoff, release_needed) & set(self.lots.ids)))
            blocked = Lot.search([('id', 'in', self.lots.ids)] + lot_rules.blocked_lots_domain(
                now, cutoff, release_needed))
            usable = Lot.search([('id', 'in', self.lots.ids)] + lot_rules.usable_lots_domain(
                now, cutoff, release_needed))
            self.assertEqual(set(sql.ids), set(python.ids), case)
            self.assertEqual(set(blocked.ids), set(python.ids), case)
            self.assertEqual(set(usable.ids), set((self.lots - python).ids), case)
            # not a vacuous agreement: both sides are met in every case
            self.assertTrue(python and self.lots - python, case)

    def test_every_state_gets_its_reason(self):
        cutoff = self.now() + timedelta(days=CUTOFF_DAYS)
        for lot, (state, quarantined, life) in self.matrix.items():
            reason = lot._block_reason(cutoff)
            if quarantined:
                expected = lot_rules.QUARANTINED
            elif state != lot_rules.RELEASED:
                expected = state
            else:
                expected = {'expired': lot_rules.EXPIRED, 'expiring': lot_rules.SHELF_LIFE,
                            'far': None, 'no date': None}[life]
            self.assertEqual(reason, expected, lot.name)
            self.assertEqual(bool(lot._usability_error(cutoff)), bool(expected), lot.name)

    def test_expired_flag_its_search_and_the_graph_flags(self):
        Lot = self.env['stock.production.lot']
        expired = self.lots.filtered('is_expired')
        self.assertEqual(expired, self.lots.filtered(
            lambda lot: self.matrix[lot][2] == 'expired'))
        found = Lot.search([('id', 'in', self.lots.ids), ('is_expired', '=', True)])
        self.assertEqual(found, expired)
        found = Lot.search([('id', 'in', self.lots.ids), ('is_expired', '!=', True)])
        self.assertEqual(found, self.lots - expired)
        _info, status = self.env['lot.genealogy.graph']._lot_info(self.lots)
        for lot in self.lots:
            flags = [flag for flag in status[lot.id] if flag != 'recalled']
            expected = [flag for flag, holds in ((lot_rules.QUARANTINED, lot.quarantined),
                                                 (lot_rules.EXPIRED, lot.is_expired)) if holds]
            self.assertEqual(flags, expected, lot.name)

    def test_scan_codes_and_messages_are_the_lots(self):
        """A refused scan gives the code of lot_rules.SCAN_CODES and the lot's
        own sentence (the one validation and lot changes show)."""
        picking = self.delivery(1)
        cases = {
            'H-released-F-expired': lot_rules.EXPIRED,
            'H-released-Q-far': lot_rules.QUARANTINED,
            'H-pending-F-far': lot_rules.PENDING,
            'H-rejected-F-nodate': lot_rules.REJECTED,
        }
        for name, reason in cases.items():
            lot = self.lots.filtered(lambda rec, name=name: rec.name == name)
            before = picking.move_line_ids.read(['lot_id', 'qty_done'])
            answer = picking.sudo(self.worker).lot_scan(lot.name)
            self.assertEqual((answer['status'], answer['code']),
                             ('error', lot_rules.SCAN_CODES[reason]), answer)
            self.assertIn(lot._usability_error(), answer['message'])
            self.assertEqual(picking.move_line_ids.read(['lot_id', 'qty_done']), before)

    def test_stock_left_description_names_the_reason(self):
        for lot in self.lots.filtered(lambda rec: rec.name in (
                'H-pending-F-far', 'H-released-F-far')):
            factories.add_stock(self.env, self.product, self.stock, 5, lot=lot)
        picking = self.delivery(50)
        text = picking.move_lines._lot_blocked_stock_description()
        self.assertIn('lot H-pending-F-far, 5.0', text)
        self.assertIn(self.env['stock.production.lot']._block_label(lot_rules.PENDING), text)
        self.assertNotIn('H-released-F-far', text)


class TestLotSequenceRule(FefoCase):

    def test_first_usable_sequence_skips_what_cannot_number_lots(self):
        Seq = self.env['ir.sequence']
        company = self.env.user.company_id
        other = self.env['res.company'].create({'name': 'Sequence Rule Other Co'})
        archived = Seq.create({'name': 'Old lots', 'lot_sequence': True, 'active': False})
        foreign = Seq.create({'name': 'Their lots', 'lot_sequence': True,
                              'company_id': other.id})
        plain = Seq.create({'name': 'Not for lots'})
        good = Seq.create({'name': 'Our lots', 'lot_sequence': True})
        self.assertEqual(Seq._lot_sequence_first_usable(
            [Seq, archived, foreign, plain, good], company), good)
        self.assertFalse(Seq._lot_sequence_first_usable([archived, foreign, plain], company))
        # the same rule, with one wording, guards every lot sequence field
        archived._lot_sequence_check(company)
        with self.assertRaisesRegex(ValidationError, 'belongs to the company'):
            company.lot_sequence_id = foreign
        with self.assertRaisesRegex(ValidationError, 'not a lot sequence'):
            self.product.product_tmpl_id.lot_sequence_id = plain
        with self.assertRaisesRegex(ValidationError, 'not a lot sequence'):
            company.lot_sequence_id = plain


class TestProductNameSql(FefoCase):

    def sql_name(self, product):
        self.env.cr.execute(
            'SELECT %s FROM product_product p JOIN product_template t '
            'ON t.id = p.product_tmpl_id WHERE p.id = %%s' % product_name_sql('p', 't'),
            [product.id])
        return self.env.cr.fetchone()[0]

    def test_variants_with_attribute_values_and_code_match_name_get(self):
        Attribute = self.env['product.attribute']
        Value = self.env['product.attribute.value']
        size = Attribute.create({'name': 'Pot size', 'sequence': 1})
        flavour = Attribute.create({'name': 'Flavour', 'sequence': 2})
        fixed = Attribute.create({'name': 'Milk', 'sequence': 0})
        values = {name: Value.create({'name': name, 'attribute_id': attribute.id,
                                      'sequence': sequence})
                  for name, attribute, sequence in (
                      ('Strawberry', flavour, 1), ('Vanilla', flavour, 2),
                      ('500 g', size, 2), ('125 g', size, 2), ('Whole', fixed, 1))}
        template = self.env['product.template'].create({
            'name': 'Yoghurt Variant', 'type': 'product', 'tracking': 'lot',
            'attribute_line_ids': [
                (0, 0, {'attribute_id': flavour.id, 'value_ids': [
                    (6, 0, [values['Strawberry'].id, values['Vanilla'].id])]}),
                (0, 0, {'attribute_id': size.id, 'value_ids': [
                    (6, 0, [values['500 g'].id, values['125 g'].id])]}),
                (0, 0, {'attribute_id': fixed.id, 'value_ids': [
                    (6, 0, [values['Whole'].id])]}),
            ]})
        variants = template.product_variant_ids
        self.assertEqual(len(variants), 4)
        variants[0].default_code = 'YOG-1'
        variants[1].default_code = ''
        for variant in variants:
            expected = variant.with_context(lang=None).name_get()[0][1]
            self.assertIn(' (', expected)   # the attribute values are shown
            self.assertNotIn('Whole', expected)   # one value only: not shown
            self.assertEqual(self.sql_name(variant), expected)
        self.assertTrue(self.sql_name(variants[0]).startswith('[YOG-1] Yoghurt Variant ('))
        # the SQL readers select that fragment (here: the mass balance)
        lot = factories.lot(self.env, variants[0], 'VAR-LOT-1')
        balance = mass_balance_sql.mass_balance(self.env.cr, lot.ids, with_lot=True)
        self.assertEqual(balance[0]['product_name'],
                         variants[0].with_context(lang=None).name_get()[0][1])

    def test_plain_product_matches_name_get(self):
        self.product.default_code = 'YOG'
        self.assertEqual(self.sql_name(self.product), self.product.name_get()[0][1])
        self.product.default_code = False
        self.assertEqual(self.sql_name(self.product), 'Yoghurt FEFO')


class TestOpenRecordAction(FefoCase):

    def test_every_open_button_gives_the_one_action(self):
        lot = factories.lot(self.env, self.product, 'OPEN-1')
        picking = self.delivery(1)
        lot.sudo().write({'receipt_picking_id': picking.id})
        self.assertEqual(lot.action_view_receipt(),
                         open_record_action(picking, picking.display_name))
        action = lot.action_open_trace_downstream()
        trace = self.env['lot.trace'].browse(action['res_id'])
        self.assertEqual(action, open_record_action(trace, 'Trace of OPEN-1'))
        self.assertEqual(action['views'], [(False, 'form')])
        line = self.env['lot.trace.line'].create({'trace_id': trace.id, 'kind': 'delivery',
                                                  'res_model': 'no.such.model', 'res_id': 1})
        self.assertFalse(line.action_open_document())
        line.write({'res_model': 'stock.picking', 'res_id': picking.id})
        self.assertEqual(line.action_open_document(), open_record_action(picking))

    def test_scan_lookup_reads_barcodes_without_being_a_scanned_document(self):
        wizard = self.env['lot.scan.lookup'].create({})
        self.assertNotIn('lot_scan', dir(wizard))
        self.assertNotIn('_lot_scan_move_domain', dir(wizard))
        lot = factories.lot(self.env, self.product, 'LOOK-1')
        wizard.on_barcode_scanned('LOOK-1')
        self.assertEqual(wizard.lot_id, lot)
        self.assertEqual(wizard.message, 'Lot LOOK-1 of Yoghurt FEFO.')
        action = wizard.action_open_lot()
        self.assertEqual((action['res_model'], action['res_id'], action['views']),
                         ('stock.production.lot', lot.id,
                          [(self.env.ref('stock.view_production_lot_form').id, 'form')]))
