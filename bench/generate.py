# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Synthetic but realistic lot history for the trace benchmark.

    python -m bench.generate [quick|full] [--db NAME] [--seed N]

Clones the test template database (addon + demo data installed) into NAME
(default ``lot_bench_<scale>``), creates products on 5 BOM levels through the
ORM, then writes the history with COPY: vendor receipts of raw-material lots,
manufacturing orders on 4 levels (each consuming component lots first in,
first out, so one lot is partly consumed by several orders; some BOMs use a
component two levels down: diamonds), deliveries of finished lots to many
customers, and customer returns.  Rows are the ones Odoo itself writes
(pickings, moves, move lines with ``consume_line_ids``, manufacturing
orders, quants), with strictly increasing dates along each lot's path, so
Odoo's native traceability report walks them as it walks real data.
Finally the genealogy edges are rebuilt from ``consume_line_ids`` (timed).

quick ~ 100,000 move lines; full ~ 1,000,000 move lines.
"""
import argparse
import io
import math
import random
import sys
import time
from datetime import datetime, timedelta

from psycopg2 import sql

from harness import db as harness_db, pg

SCALES = {
    # products per BOM level (1 = finished ... 5 = raw material)
    'quick': {'finished_orders': 1750, 'deliveries_per_lot': 30, 'customers': 3000,
              'vendors': 40, 'products': (10, 12, 14, 16, 18)},
    'full': {'finished_orders': 17500, 'deliveries_per_lot': 30, 'customers': 30000,
             'vendors': 300, 'products': (40, 48, 56, 64, 72)},
}
RETURN_RATE = 0.02
USES_PER_LOT = 3          # a component lot feeds about this many orders
START = datetime(2025, 1, 1, 6, 0, 0)
LEVEL_DAYS = 30           # each BOM level is produced in its own month


def fmt(value):
    if value is None:
        return '\\N'
    if value is True:
        return 't'
    if value is False:
        return 'f'
    if isinstance(value, datetime):
        return value.strftime('%Y-%m-%d %H:%M:%S')
    return str(value)


class Table(object):
    """Rows for one table, sent with COPY in chunks."""

    def __init__(self, cr, name, columns, first_id, flush_all=None):
        self.cr, self.name, self.columns = cr, name, columns
        self.flush_all = flush_all or self.flush
        self.next_id = first_id
        self.count = 0
        self.buffer = io.StringIO()

    def new_id(self):
        self.next_id += 1
        return self.next_id - 1

    def add(self, *values):
        self.buffer.write('\t'.join(fmt(v) for v in values))
        self.buffer.write('\n')
        self.count += 1
        if self.buffer.tell() > 32 * 1024 * 1024:
            self.flush_all()    # every table, parents first: foreign keys hold

    def flush(self):
        self.buffer.seek(0)
        self.cr.copy_expert('COPY %s (%s) FROM STDIN' % (self.name, ', '.join(self.columns)),
                            self.buffer)
        self.buffer = io.StringIO()


def max_id(cr, table):
    cr.execute(sql.SQL('SELECT COALESCE(max(id), 0) + 1 FROM {}').format(sql.Identifier(table)))
    return cr.fetchone()[0]


AUDIT = ('create_uid', 'create_date', 'write_uid', 'write_date')


class Generator(object):

    def __init__(self, dbname, scale, seed):
        self.dbname = dbname
        self.cfg = SCALES[scale]
        self.rnd = random.Random(seed)

    # -- master data through the ORM ------------------------------------
    def master_data(self, env):
        uom = env.ref('product.product_uom_unit')
        self.uom_id = uom.id
        self.company_id = env.user.company_id.id
        self.stock_id = env.ref('stock.stock_location_stock').id
        self.customers_loc = env.ref('stock.stock_location_customers').id
        self.suppliers_loc = env.ref('stock.stock_location_suppliers').id
        self.production_loc = env.ref('stock.location_production').id
        self.type_in = env.ref('stock.picking_type_in').id
        self.type_out = env.ref('stock.picking_type_out').id
        self.type_mrp = env['stock.picking.type'].search(
            [('code', '=', 'mrp_operation')], limit=1).id
        self.products = {}
        for level, count in enumerate(self.cfg['products'], start=1):
            self.products[level] = [env['product.product'].create({
                'name': 'Bench L%d product %03d' % (level, index),
                'default_code': 'B%d-%03d' % (level, index),
                'type': 'product', 'tracking': 'lot',
                'uom_id': uom.id, 'uom_po_id': uom.id,
            }).id for index in range(count)]
        self.components = {}
        self.boms = {}
        for level in range(1, 5):
            below = self.products[level + 1]
            two_below = self.products.get(level + 2, [])
            for product in self.products[level]:
                comps = [(c, self.rnd.choice((1, 2))) for c in self.rnd.sample(below, 3)]
                if two_below and self.rnd.random() < 0.5:   # diamond
                    comps.append((self.rnd.choice(two_below), 1))
                self.components[product] = comps
                template = env['product.product'].browse(product).product_tmpl_id
                self.boms[product] = env['mrp.bom'].create({
                    'product_tmpl_id': template.id, 'product_qty': 1.0,
                    'product_uom_id': uom.id,
                    'bom_line_ids': [(0, 0, {'product_id': c, 'product_qty': q})
                                     for c, q in comps],
                }).id

    # -- history with COPY ------------------------------------------------
    def open_tables(self, cr):
        now = datetime.utcnow()
        self.audit = (1, now, 1, now)
        spec = {
            'res_partner': ('name', 'display_name', 'active', 'customer', 'supplier', 'type',
                            'company_id', 'is_company', 'invoice_warn', 'picking_warn',
                            'sale_warn', 'purchase_warn', 'lang', 'employee'),
            'stock_production_lot': ('name', 'product_id', 'company_id'),
            'stock_picking': ('name', 'origin', 'partner_id', 'location_id', 'location_dest_id',
                              'picking_type_id', 'move_type', 'state', 'company_id',
                              'scheduled_date', 'date', 'date_done', 'priority'),
            'mrp_production': ('name', 'origin', 'product_id', 'product_qty', 'product_uom_id',
                               'bom_id', 'picking_type_id', 'location_src_id',
                               'location_dest_id', 'date_planned_start',
                               'date_planned_finished', 'date_start', 'date_finished',
                               'state', 'company_id', 'user_id', 'availability', 'propagate',
                               'is_locked'),
            'stock_move': ('name', 'reference', 'product_id', 'product_uom', 'product_uom_qty',
                           'product_qty', 'ordered_qty', 'location_id', 'location_dest_id',
                           'date', 'date_expected', 'company_id', 'procure_method', 'state',
                           'picking_id', 'picking_type_id', 'partner_id',
                           'raw_material_production_id', 'production_id', 'scrapped',
                           'sequence', 'priority', 'unit_factor', 'origin', 'is_done'),
            'stock_move_line': ('move_id', 'picking_id', 'product_id', 'product_uom_id',
                                'product_uom_qty', 'product_qty', 'ordered_qty', 'qty_done',
                                'lot_id', 'location_id', 'location_dest_id', 'date', 'state',
                                'reference', 'production_id', 'lot_produced_id', 'done_wo',
                                'done_move'),
            'stock_quant': ('product_id', 'location_id', 'lot_id', 'quantity',
                            'reserved_quantity', 'in_date', 'company_id'),
        }
        self.t = {name: Table(cr, name, ('id',) + columns + AUDIT, max_id(cr, name),
                              self.flush_all)
                  for name, columns in spec.items()}
        self.rel = Table(cr, 'stock_move_line_consume_rel',
                         ('consume_line_id', 'produce_line_id'), 0, self.flush_all)

    def flush_all(self):
        for name in ('res_partner', 'stock_production_lot', 'stock_picking', 'mrp_production',
                     'stock_move', 'stock_move_line', 'stock_quant'):
            self.t[name].flush()
        self.rel.flush()

    def partner(self, name, customer):
        table = self.t['res_partner']
        pid = table.new_id()
        table.add(pid, name, name, True, customer, not customer, 'contact', self.company_id,
                  True, 'no-message', 'no-message', 'no-message', 'no-message', 'en_US', False,
                  *self.audit)
        return pid

    def lot(self, product, name):
        table = self.t['stock_production_lot']
        lid = table.new_id()
        table.add(lid, name, product, self.company_id, *self.audit)
        return lid

    def picking(self, name, partner, source, dest, ptype, when):
        table = self.t['stock_picking']
        pid = table.new_id()
        table.add(pid, name, name, partner, source, dest, ptype, 'direct', 'done',
                  self.company_id, when, when, when, '1', *self.audit)
        return pid

    def move(self, name, product, qty, source, dest, when, picking=None, ptype=None,
             partner=None, raw_of=None, finished_of=None):
        table = self.t['stock_move']
        mid = table.new_id()
        table.add(mid, name, name, product, self.uom_id, qty, qty, qty, source, dest, when,
                  when, self.company_id, 'make_to_stock', 'done', picking, ptype, partner,
                  raw_of, finished_of, False, 10, '1', 1.0, name, True, *self.audit)
        return mid

    def move_line(self, move, picking, product, qty, lot, source, dest, when, reference,
                  production=None, lot_produced=None):
        table = self.t['stock_move_line']
        lid = table.new_id()
        table.add(lid, move, picking, product, self.uom_id, 0, 0, qty, qty, lot, source,
                  dest, when, 'done', reference, production, lot_produced, True, True,
                  *self.audit)
        return lid

    def plan(self):
        """Manufacturing orders per level, sized top-down from the finished orders."""
        cfg = self.cfg
        orders = {1: [{'product': self.rnd.choice(self.products[1]),
                       'qty': cfg['deliveries_per_lot']}
                      for _ in range(cfg['finished_orders'])]}
        for level in range(2, 6):
            demand, uses = {}, {}
            for parent_level in (level - 1, level - 2):
                for order in orders.get(parent_level, []):
                    for comp, per_unit in self.components[order['product']]:
                        if comp in self.products[level]:
                            demand[comp] = demand.get(comp, 0) + per_unit * order['qty']
                            uses[comp] = uses.get(comp, 0) + 1
            orders[level] = []
            for product in self.products[level]:
                if not demand.get(product):
                    continue
                lot_size = max(1, int(round(USES_PER_LOT * demand[product] / uses[product])))
                count = int(math.ceil(demand[product] / float(lot_size)))
                orders[level] += [{'product': product, 'qty': lot_size} for _ in range(count)]
            self.rnd.shuffle(orders[level])
        return orders

    def write_history(self, cr):
        cfg = self.cfg
        self.open_tables(cr)
        vendors = [self.partner('Bench Vendor %04d' % i, False) for i in range(cfg['vendors'])]
        customers = [self.partner('Bench Customer %05d' % i, True)
                     for i in range(cfg['customers'])]
        orders = self.plan()
        queues = {}      # product -> [[lot, remaining, product]] first in, first out
        lot_seq = [0]

        def new_lot(level, product):
            lot_seq[0] += 1
            return self.lot(product, 'BL%d-%07d' % (level, lot_seq[0]))

        def when(level, index, count):
            base = START + timedelta(days=(5 - level) * LEVEL_DAYS)
            return base + timedelta(seconds=int(LEVEL_DAYS * 86400 * index / max(count, 1)))

        # raw materials: one receipt per lot
        raw = orders[5]
        for index, order in enumerate(raw):
            date = when(5, index, len(raw))
            lot = new_lot(5, order['product'])
            name = 'WH/IN/B%07d' % (index + 1)
            picking = self.picking(name, self.rnd.choice(vendors), self.suppliers_loc,
                                   self.stock_id, self.type_in, date)
            move = self.move(name, order['product'], order['qty'], self.suppliers_loc,
                             self.stock_id, date, picking, self.type_in)
            self.move_line(move, picking, order['product'], order['qty'], lot,
                           self.suppliers_loc, self.stock_id, date, name)
            queues.setdefault(order['product'], []).append([lot, order['qty']])
        # manufacturing, bottom level first
        mo_seq = 0
        finished_lots = []
        for level in (4, 3, 2, 1):
            for index, order in enumerate(orders[level]):
                mo_seq += 1
                date = when(level, index, len(orders[level]))
                name = 'WH/MO/B%07d' % mo_seq
                product = order['product']
                table = self.t['mrp_production']
                mo = table.new_id()
                table.add(mo, name, name, product, order['qty'], self.uom_id, self.boms[product],
                          self.type_mrp, self.stock_id, self.stock_id, date, date, date, date,
                          'done', self.company_id, 1, 'assigned', False, True, *self.audit)
                lot = new_lot(level, product)
                consumed = []
                for comp, per_unit in self.components[product]:
                    need = per_unit * order['qty']
                    raw_move = self.move(name, comp, need, self.stock_id, self.production_loc,
                                         date, ptype=self.type_mrp, raw_of=mo)
                    queue = queues[comp]
                    while need > 0:
                        head = queue[0]
                        take = min(need, head[1])
                        consumed.append(self.move_line(
                            raw_move, None, comp, take, head[0], self.stock_id,
                            self.production_loc, date, name, production=mo, lot_produced=lot))
                        head[1] -= take
                        need -= take
                        if head[1] <= 0 and len(queue) > 1:
                            queue.pop(0)
                        elif head[1] <= 0 and need > 0:
                            raise RuntimeError('planning error: %s ran out' % comp)
                finished_move = self.move(name, product, order['qty'], self.production_loc,
                                          self.stock_id, date, ptype=self.type_mrp,
                                          finished_of=mo)
                finished_line = self.move_line(
                    finished_move, None, product, order['qty'], lot, self.production_loc,
                    self.stock_id, date, name, production=mo)
                for line in consumed:
                    self.rel.add(finished_line, line)
                queues.setdefault(product, []).append([lot, order['qty']])
                if level == 1:
                    finished_lots.append((lot, product, order['qty'], date))
        # deliveries of finished lots, and some returns
        out_seq = ret_seq = 0
        in_stock = {}
        for lot, product, qty, made in finished_lots:
            for _unit in range(int(qty)):
                out_seq += 1
                date = made + timedelta(days=self.rnd.randint(1, 90),
                                        seconds=self.rnd.randint(0, 86399))
                customer = self.rnd.choice(customers)
                name = 'WH/OUT/B%07d' % out_seq
                picking = self.picking(name, customer, self.stock_id, self.customers_loc,
                                       self.type_out, date)
                move = self.move(name, product, 1, self.stock_id, self.customers_loc, date,
                                 picking, self.type_out, customer)
                self.move_line(move, picking, product, 1, lot, self.stock_id,
                               self.customers_loc, date, name)
                if self.rnd.random() < RETURN_RATE:
                    ret_seq += 1
                    back = date + timedelta(days=3)
                    rname = 'WH/RET/B%07d' % ret_seq
                    rpicking = self.picking(rname, customer, self.customers_loc,
                                            self.stock_id, self.type_in, back)
                    rmove = self.move(rname, product, 1, self.customers_loc, self.stock_id,
                                      back, rpicking, self.type_in, customer)
                    self.move_line(rmove, rpicking, product, 1, lot, self.customers_loc,
                                   self.stock_id, back, rname)
                    in_stock[(lot, product)] = in_stock.get((lot, product), 0) + 1
        # what is left in stock
        finished_products = set(self.products[1])     # delivered above, unit by unit
        for product, queue in queues.items():
            if product in finished_products:
                continue
            for lot, remaining in queue:
                if remaining > 0:
                    in_stock[(lot, product)] = in_stock.get((lot, product), 0) + remaining
        for (lot, product), qty in in_stock.items():
            table = self.t['stock_quant']
            table.add(table.new_id(), product, self.stock_id, lot, qty, 0,
                      START, self.company_id, *self.audit)

    def finish(self, cr):
        self.flush_all()
        cr.execute('UPDATE res_partner SET commercial_partner_id = id '
                   'WHERE commercial_partner_id IS NULL')
        for name in self.t:
            cr.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                       "(SELECT max(id) FROM " + name + "))", (name,))


def generate(scale='quick', dbname=None, seed=42, template=None):
    """Create DBNAME filled at SCALE; returns a dict of counts and timings."""
    from bench.odoo_env import environment
    dbname = dbname or 'lot_bench_%s' % scale
    pg.start()
    template = template or harness_db.template()
    started = time.time()
    harness_db.clone(template, dbname)
    gen = Generator(dbname, scale, seed)
    with environment(dbname) as env:
        from odoo.addons.lot_traceability.tools import genealogy_sql
        gen.master_data(env)
        env.cr.commit()
        cr = env.cr._obj                     # raw psycopg2 cursor for COPY
        gen.write_history(cr)
        gen.finish(cr)
        env.cr.commit()
        env.cr.execute('ANALYZE')         # planner statistics for the new rows
        generated = time.time() - started
        t0 = time.time()
        edges = genealogy_sql.rebuild_edges(env.cr, 1)
        env.cr.commit()
        rebuild = time.time() - t0
        env['lot.genealogy.edge'].init()      # the addon's indexes, as on install
        env.cr.commit()
        env.cr.execute('ANALYZE')
    counts = {name: table.count for name, table in gen.t.items()}
    return {'db': dbname, 'scale': scale, 'counts': counts, 'edges': edges,
            'seconds': generated, 'rebuild_seconds': rebuild}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('scale', nargs='?', default='quick', choices=sorted(SCALES))
    parser.add_argument('--db')
    parser.add_argument('--seed', type=int, default=42)
    parser.add_argument('--template', help='database to clone (default: the test template, '
                                           'built when missing)')
    args = parser.parse_args(argv)
    result = generate(args.scale, args.db, args.seed, args.template)
    print('database %(db)s (%(scale)s) generated in %(seconds).0f s' % result)
    for name, count in sorted(result['counts'].items()):
        print('  %-22s %9d rows' % (name, count))
    print('  genealogy edges rebuilt: %d in %.1f s' % (result['edges'], result['rebuild_seconds']))


if __name__ == '__main__':
    sys.exit(main())
