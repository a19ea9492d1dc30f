# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""trace_downstream / trace_upstream on lots built through Odoo's own flows:
diamonds, several levels, partial consumption, deliveries, returns, scrap,
stock, receipts; cycles, the depth limit, companies; and agreement with
Odoo's native traceability report."""
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

import factories
from bench.native import native_trace, our_reach
from genealogy_factory import GenealogyFactory

ROW_KEYS = {'kind', 'level', 'lot_id', 'lot_name', 'product_id', 'product_name', 'qty',
            'uom', 'date', 'partner_id', 'reference', 'res_model', 'res_id'}


def by_kind(rows, kind):
    return [row for row in rows if row['kind'] == kind]


class TestTrace(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestTrace, cls).setUpClass()
        cls.f = f = GenealogyFactory(cls.env)
        cls.vendor = f.partner('Resin Supplier Ltd')
        cls.alice = f.partner('Alice Customer')
        cls.bob = f.partner('Bob Customer')
        cls.resin = f.product('Resin')
        cls.pellet = f.product('Pellet')
        cls.housing = f.product('Housing')
        cls.box = f.product('Box')
        f.bom(cls.pellet, [(cls.resin, 2.0)])
        f.bom(cls.housing, [(cls.pellet, 1.0), (cls.resin, 1.0)])   # diamond: resin twice
        f.bom(cls.box, [(cls.pellet, 2.0)])
        cls.resin_lot = f.lot(cls.resin, 'RESIN-1')
        cls.po, cls.receipt = f.receive(cls.resin_lot, 100.0, cls.vendor)
        # one resin lot consumed partly by two orders
        cls.mo_p1, cls.pellet_1 = f.produce(cls.pellet, [(cls.resin_lot, 6.0)], qty=3.0,
                                            lot=f.lot(cls.pellet, 'PELLET-1'))
        cls.mo_p2, cls.pellet_2 = f.produce(cls.pellet, [(cls.resin_lot, 6.0)], qty=3.0,
                                            lot=f.lot(cls.pellet, 'PELLET-2'))
        # housing: from a pellet lot and, directly, from the resin lot
        cls.mo_h, cls.housing_1 = f.produce(
            cls.housing, [(cls.pellet_1, 2.0), (cls.resin_lot, 2.0)], qty=2.0,
            lot=f.lot(cls.housing, 'HOUSING-1'))
        # box: from both pellet lots (two paths of the same length)
        cls.mo_b, cls.box_1 = f.produce(
            cls.box, [(cls.pellet_1, 1.0), (cls.pellet_2, 1.0)], qty=1.0,
            lot=f.lot(cls.box, 'BOX-1'))
        cls.sale, cls.sale_picking = f.sell(cls.housing_1, 1.0, cls.alice)
        cls.bob_delivery = f.deliver(cls.housing_1, 1.0, cls.bob)
        cls.bob_return = f.customer_return(cls.housing_1, 1.0, cls.bob)
        cls.pellet_scrap = f.scrap(cls.pellet_2, 1.0)
        cls.box_delivery = f.deliver(cls.box_1, 1.0, cls.bob)

    def test_rows_have_the_contract_shape(self):
        for rows in (self.resin_lot.trace_downstream(), self.housing_1.trace_upstream()):
            self.assertTrue(rows)
            for row in rows:
                self.assertLessEqual(ROW_KEYS, set(row), row)
                self.assertIn(row['kind'], ('production', 'delivery', 'return', 'scrap',
                                            'stock', 'receipt'))
                self.assertGreaterEqual(row['level'], 1)

    def test_downstream_reaches_every_level_once_at_its_shortest_distance(self):
        rows = self.resin_lot.trace_downstream()
        production = {row['lot_name']: row['level'] for row in by_kind(rows, 'production')}
        self.assertEqual(production, {'PELLET-1': 1, 'PELLET-2': 1, 'HOUSING-1': 1, 'BOX-1': 2})
        self.assertEqual(len(by_kind(rows, 'production')), 4)  # each lot once
        box = [row for row in rows if row['lot_name'] == 'BOX-1'][0]
        self.assertEqual(box['reference'], self.mo_b.name)
        self.assertEqual((box['res_model'], box['res_id']), ('mrp.production', self.mo_b.id))
        self.assertIn(box['origin_lot_id'], (self.pellet_1.id, self.pellet_2.id))
        self.assertEqual((box['qty'], box['uom']), (1.0, self.f.uom.name))
        pellet_1 = [row for row in rows if row['lot_name'] == 'PELLET-1'][0]
        self.assertEqual((pellet_1['qty'], pellet_1['component_qty']), (3.0, 6.0))

    def test_downstream_deliveries_returns_scrap_and_stock(self):
        rows = self.resin_lot.trace_downstream()
        deliveries = sorted((row['lot_name'], row['partner_id'], row['qty'], row['level'],
                             row['reference'], row['sale_id'])
                            for row in by_kind(rows, 'delivery'))
        self.assertEqual(deliveries, sorted([
            ('HOUSING-1', self.alice.id, 1.0, 2, self.sale_picking.name, self.sale.id),
            ('HOUSING-1', self.bob.id, 1.0, 2, self.bob_delivery.name, False),
            ('BOX-1', self.bob.id, 1.0, 3, self.box_delivery.name, False),
        ]))
        alice = [row for row in by_kind(rows, 'delivery') if row['partner_id'] == self.alice.id][0]
        self.assertEqual((alice['res_model'], alice['res_id']),
                         ('stock.picking', self.sale_picking.id))
        self.assertEqual(alice['picking_id'], self.sale_picking.id)
        self.assertTrue(alice['date'])
        returns = by_kind(rows, 'return')
        self.assertEqual([(r['lot_name'], r['partner_id'], r['reference']) for r in returns],
                         [('HOUSING-1', self.bob.id, self.bob_return.name)])
        scraps = by_kind(rows, 'scrap')
        self.assertEqual([(r['lot_name'], r['qty'], r['res_model'], r['res_id']) for r in scraps],
                         [('PELLET-2', 1.0, 'stock.scrap', self.pellet_scrap.id)])
        stock = {(row['lot_name'], row['location_id']): (row['qty'], row['level'])
                 for row in by_kind(rows, 'stock')}
        here = self.f.stock.id
        self.assertEqual(stock, {
            ('RESIN-1', here): (86.0, 1),
            ('PELLET-2', here): (1.0, 2),
            ('HOUSING-1', here): (1.0, 2),
        })

    def test_recall_from_a_finished_lot(self):
        rows = self.housing_1.trace_downstream()
        self.assertFalse(by_kind(rows, 'production'))
        self.assertEqual({row['partner_id'] for row in by_kind(rows, 'delivery')},
                         {self.alice.id, self.bob.id})
        self.assertEqual({row['level'] for row in by_kind(rows, 'delivery')}, {1})

    def test_upstream_components_receipts_and_who_made_it(self):
        rows = self.box_1.trace_upstream()
        production = {row['lot_name']: row['level'] for row in by_kind(rows, 'production')}
        self.assertEqual(production, {'PELLET-1': 1, 'PELLET-2': 1, 'RESIN-1': 2})
        pellet = [row for row in rows if row['lot_name'] == 'PELLET-1'][0]
        self.assertEqual((pellet['reference'], pellet['qty']), (self.mo_b.name, 1.0))
        self.assertEqual(pellet['operator'], self.env.user.name)   # no work orders: who recorded
        self.assertTrue(pellet['date_finished'])
        receipts = by_kind(rows, 'receipt')
        self.assertEqual([(r['lot_name'], r['partner_id'], r['purchase_id'], r['purchase_name'],
                           r['qty'], r['level'], r['reference']) for r in receipts],
                         [('RESIN-1', self.vendor.id, self.po.id, self.po.name, 100.0, 3,
                           self.receipt.name)])

    def test_upstream_diamond_reports_the_shared_component_once(self):
        rows = self.housing_1.trace_upstream()
        production = sorted((row['lot_name'], row['level']) for row in by_kind(rows, 'production'))
        self.assertEqual(production, [('PELLET-1', 1), ('RESIN-1', 1)])
        self.assertEqual(len(by_kind(rows, 'receipt')), 1)

    def test_work_orders_give_work_centers_and_operators(self):
        workcenter = self.env['mrp.workcenter'].create({'name': 'Extruder 3'})
        operator = factories.user(self.env, 'Olga Operator', 'olga_op')
        workorder = self.env['mrp.workorder'].create({
            'name': 'Extrude', 'production_id': self.mo_b.id, 'workcenter_id': workcenter.id,
            'product_uom_id': self.f.uom.id, 'state': 'done',
        })
        loss = self.env['mrp.workcenter.productivity.loss'].search(
            [('loss_type', '=', 'productive')], limit=1)
        self.env['mrp.workcenter.productivity'].create({
            'workcenter_id': workcenter.id, 'workorder_id': workorder.id,
            'user_id': operator.id, 'loss_id': loss.id,
            'date_start': '2026-01-05 09:00:00', 'date_end': '2026-01-05 10:00:00',
        })
        rows = self.box_1.trace_upstream()
        pellet = [row for row in rows if row['lot_name'] == 'PELLET-1'][0]
        self.assertEqual((pellet['workcenter'], pellet['operator']),
                         ('Extruder 3', 'Olga Operator'))

    def test_empty_recordset_traces_nothing(self):
        lots = self.env['stock.production.lot']
        self.assertEqual(lots.trace_downstream(), [])
        self.assertEqual(lots.trace_upstream(), [])

    def test_several_lots_at_once(self):
        rows = (self.pellet_1 | self.pellet_2).trace_downstream()
        self.assertEqual({row['lot_name'] for row in by_kind(rows, 'production')},
                         {'HOUSING-1', 'BOX-1'})

    def test_agrees_with_native_report(self):
        for lot, stream in ((self.resin_lot, 'downstream'), (self.pellet_2, 'downstream'),
                            (self.housing_1, 'downstream'), (self.box_1, 'upstream'),
                            (self.housing_1, 'upstream'), (self.resin_lot, 'upstream')):
            native = native_trace(self.env, lot.id, stream)
            ours = our_reach(getattr(lot, 'trace_' + stream)(), lot.id, stream)
            self.assertEqual(ours, (native['lots'], native['partners']), (lot.name, stream))
        # and the comparison is not vacuous
        native = native_trace(self.env, self.resin_lot.id, 'downstream')
        self.assertEqual(len(native['lots']), 5)
        self.assertEqual(native['partners'], {self.alice.id, self.bob.id})

    def test_full_trace_button_lists_the_rows(self):
        action = self.resin_lot.action_open_trace_downstream()
        trace = self.env['lot.trace'].browse(action['res_id'])
        rows = self.resin_lot.trace_downstream()
        self.assertEqual(len(trace.line_ids), len(rows))
        self.assertEqual(set(trace.line_ids.mapped('kind')),
                         {'production', 'delivery', 'return', 'scrap', 'stock'})
        self.assertFalse(trace.truncated)
        line = trace.line_ids.filtered(lambda row: row.kind == 'delivery')[0]
        opened = line.action_open_document()
        self.assertEqual((opened['res_model'], opened['res_id']), (line.res_model, line.res_id))

    def test_lot_form_shows_genealogy_tabs_and_trace_buttons(self):
        arch = self.env['stock.production.lot'].fields_view_get(
            view_id=self.env.ref('stock.view_production_lot_form').id, view_type='form')['arch']
        for needle in ('genealogy_component_edge_ids', 'genealogy_finished_edge_ids',
                       'action_open_trace_downstream', 'action_open_trace_upstream',
                       'Up/Down Traceability'):
            self.assertIn(needle, arch)


class TestTraceSafety(SavepointCase):
    """Bad data, the depth limit and companies."""

    @classmethod
    def setUpClass(cls):
        super(TestTraceSafety, cls).setUpClass()
        cls.f = GenealogyFactory(cls.env)
        cls.product = cls.f.product('Widget')
        cls.lots = [cls.f.lot(cls.product, 'W-%d' % i) for i in range(6)]

    def link(self, component, finished, company=None):
        return self.env['lot.genealogy.edge'].create({
            'component_lot_id': component.id, 'finished_lot_id': finished.id,
            'component_product_id': component.product_id.id,
            'finished_product_id': finished.product_id.id,
            'qty': 1.0, 'finished_qty': 1.0, 'uom_id': self.f.uom.id,
            'finished_uom_id': self.f.uom.id,
            'company_id': (company or finished.company_id).id,
        })

    def test_a_cycle_in_bad_data_terminates(self):
        a, b, c = self.lots[:3]
        self.link(a, b)
        self.link(b, a)
        self.link(b, c)
        self.link(c, b)
        rows = a.trace_downstream()
        self.assertEqual(sorted((r['lot_name'], r['level']) for r in by_kind(rows, 'production')),
                         [('W-1', 1), ('W-2', 2)])
        self.assertFalse(any(r['truncated'] for r in rows))
        rows = c.trace_upstream()
        self.assertEqual(sorted((r['lot_name'], r['level']) for r in by_kind(rows, 'production')),
                         [('W-0', 2), ('W-1', 1)])

    def test_depth_limit_is_reported(self):
        chain = self.lots
        for component, finished in zip(chain, chain[1:]):
            self.link(component, finished)
        rows = chain[0].trace_downstream(max_depth=2)
        self.assertEqual([(r['lot_name'], r['level'], r['truncated']) for r in rows],
                         [('W-1', 1, False), ('W-2', 2, True)])
        rows = chain[0].trace_downstream(max_depth=5)
        self.assertEqual([(r['lot_name'], r['truncated']) for r in rows][-1], ('W-5', False))
        self.assertFalse(any(r['truncated'] for r in rows))
        # the limit also comes from the system parameter
        self.env['ir.config_parameter'].set_param('lot_traceability.trace_max_depth', '3')
        rows = chain[5].trace_upstream()
        self.assertEqual([(r['lot_name'], r['level'], r['truncated']) for r in rows],
                         [('W-4', 1, False), ('W-3', 2, False), ('W-2', 3, True)])

    def test_companies_are_kept_apart(self):
        other = self.env['res.company'].create({'name': 'Trace Other Co'})
        stock_user = self.env.ref('stock.group_stock_user')
        outsider = factories.user(self.env, 'Other Co tracer', 'trace_outsider', stock_user,
                                  company=other)
        insider = factories.user(self.env, 'Main Co tracer', 'trace_insider', stock_user,
                                 company=self.env.user.company_id)
        ours, theirs = self.lots[0], self.f.lot(self.product, 'W-OTHER')
        theirs.company_id = other
        mine_made = self.lots[1]
        self.link(ours, mine_made)
        self.link(theirs, mine_made)   # bad data: a lot of another company in our product
        # a lot of another company cannot be traced by someone who may not see it
        with self.assertRaises(AccessError):
            ours.sudo(outsider).trace_downstream()
        with self.assertRaises(AccessError):
            theirs.sudo(insider).trace_upstream()
        # and the walk does not leak it
        rows = mine_made.sudo(insider).trace_upstream()
        self.assertEqual([r['lot_name'] for r in rows], ['W-0'])
        rows = theirs.sudo(outsider).trace_downstream()
        self.assertEqual(rows, [])
        # the superuser sees both
        self.assertEqual(sorted(r['lot_name'] for r in mine_made.trace_upstream()),
                         ['W-0', 'W-OTHER'])


# Odoo's report follows a lot through a stock location only to the lines
# strictly later than the one it stands on (``date >`` downstream, ``date <``
# upstream, stock.traceability.report.get_move_lines_downstream / _upstream).
# A line that takes a lot out of an internal location in the same second as
# the line that brought it there is invisible to that walk: from there on the
# native report cannot see what became of the lot (downstream) or where it
# came from (upstream).  These are the lots with such a hand-over.
_SAME_SECOND_HANDOVERS = """
SELECT DISTINCT a.lot_id
  FROM stock_move_line a
  JOIN stock_location here ON here.id = a.location_dest_id AND here.usage = 'internal'
  JOIN stock_move_line b ON b.lot_id = a.lot_id AND b.location_id = a.location_dest_id
                        AND b.id <> a.id AND b.date = a.date AND b.state = 'done'
 WHERE a.state = 'done' AND a.lot_id IS NOT NULL
"""


# The native report starts a lot's trace from its lines coming from outside
# the stock whose move was not returned (downstream) and, upstream, from its
# lines going out and its quants: a quant shows only the lines into its
# location dated no later than the quant's last write (Odoo writes
# ``write_date`` at the start of the transaction, the lines' date when each
# is done).  These are the lots whose start the native report cannot see
# whole, per stream.
_BLIND_STARTS = {
    'downstream': """
SELECT DISTINCT ml.lot_id
  FROM stock_move_line ml
  JOIN stock_location src ON src.id = ml.location_id AND src.usage <> 'internal'
 WHERE ml.state = 'done' AND ml.lot_id IS NOT NULL
   AND EXISTS (SELECT 1 FROM stock_move r WHERE r.origin_returned_move_id = ml.move_id)
""",
    'upstream': """
SELECT DISTINCT q.lot_id
  FROM stock_quant q
  JOIN stock_location loc ON loc.id = q.location_id AND loc.usage = 'internal'
 WHERE q.quantity > 0 AND q.lot_id IS NOT NULL
   AND EXISTS (SELECT 1 FROM stock_move_line ml
                WHERE ml.lot_id = q.lot_id AND ml.location_dest_id = q.location_id
                  AND ml.state = 'done' AND ml.date > q.write_date)
""",
}


class TestDemoData(SavepointCase):
    """On the demo database as installed (its genealogy comes from the
    install hook), our trace agrees with the native report, lot by lot.

    The demo data are loaded by one transaction, so several of its moves may
    fall in the same second, which ones depending on the machine's speed,
    and its quants are older than its moves.  Where the native walk is
    well-defined (no lot of the trace has a same-second hand-over, see
    ``_SAME_SECOND_HANDOVERS``, and the native report sees the start lot
    whole, see ``_BLIND_STARTS``) both must reach exactly the same lots and
    partners.  Elsewhere the native report stops at those lots, so it must
    reach at least what our genealogy reaches without going through them
    (and their own vendors or customers), and at most what our trace
    reaches."""

    def walk_around(self, lot, stream, blocked):
        """Lots our genealogy reaches from LOT, not going beyond a lot of BLOCKED."""
        edges = self.env['lot.genealogy.edge'].search([])
        step = {}
        for edge in edges:
            start, end = ((edge.component_lot_id, edge.finished_lot_id) if stream == 'downstream'
                          else (edge.finished_lot_id, edge.component_lot_id))
            step.setdefault(start.id, set()).add(end.id)
        seen, todo = {lot.id}, [lot.id]
        while todo:
            current = todo.pop()
            if current in blocked:
                continue
            for nxt in step.get(current, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    def test_every_demo_lot_agrees_with_native_report(self):
        lots = self.env['stock.production.lot'].search([])
        edges = self.env['lot.genealogy.edge'].search([])
        self.assertTrue(edges, 'the install hook built no genealogy from the demo data')
        self.env.cr.execute(_SAME_SECOND_HANDOVERS)
        handovers = {row[0] for row in self.env.cr.fetchall()}
        blind = {}
        for stream, query in _BLIND_STARTS.items():
            self.env.cr.execute(query)
            blind[stream] = {row[0] for row in self.env.cr.fetchall()}
        kind = {'downstream': 'delivery', 'upstream': 'receipt'}
        for lot in lots:
            for stream in ('downstream', 'upstream'):
                label = (lot.name, stream)
                native = native_trace(self.env, lot.id, stream)
                rows = getattr(lot, 'trace_' + stream)()
                our_lots, our_partners = our_reach(rows, lot.id, stream)
                blocked = handovers | (blind[stream] & {lot.id})
                if not our_lots & blocked:
                    # the native walk sees every line of every lot we reach
                    self.assertEqual((native['lots'], native['partners']),
                                     (our_lots, our_partners), label)
                    continue
                # the native walk stops at the lots with a same-second hand-over
                sure_lots = self.walk_around(lot, stream, blocked)
                sure_partners = {row['partner_id'] for row in rows
                                 if row['kind'] == kind[stream] and row['partner_id']
                                 and row['lot_id'] in sure_lots - blocked}
                self.assertLessEqual(sure_lots, native['lots'], label)
                self.assertLessEqual(native['lots'], our_lots, label)
                self.assertLessEqual(sure_partners, native['partners'], label)
                self.assertLessEqual(native['partners'], our_partners, label)
        # the demo manufacturing history links lots both ways
        linked = edges.mapped('finished_lot_id')[:1]
        self.assertTrue(by_kind(linked.trace_upstream(), 'production'))
