# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a done move line is, and who its customer is: the one definition the
trace, the recall, the mass balance, the FSMA events and the lot's customer
tabs read (SQL fragments, Odoo 11 table names).

Aliases the fragments expect: ``ml`` (stock_move_line), ``m`` (its
stock_move), ``ls`` / ``ld`` (its source / destination stock_location) and,
for the partners, those of ``PARTNER_JOINS`` (pk, pol, po, sol, so, rc); for
the transfers between two warehouses (the end of this file), those of
``WAREHOUSE_JOINS`` (wls, wld, wto, wfrom).

Kinds (``KIND``, first match wins):

=====================  ==================================================
receipt                from a vendor into the company's stock
dropship               from a vendor straight to a customer
customer_return        from a customer (back into stock, or to the vendor
                       after a dropship)
vendor_return          back to a vendor
delivery               to a customer
scrap / scrap_undo     into a scrap location / taken back out of one
repair_delivery        a part fitted by a repair (mrp_repair) into a device
                       without a lot: it goes with the device to the
                       repair's customer
repair_consumption     into production outside any manufacturing order or
                       unbuild (a part fitted by a repair, mrp_repair)
consumption            into production (a manufacturing order's component)
unbuild_consumption    a finished lot taken back into production by an unbuild
production             out of production (finished product or byproduct)
unbuild_output         a component given back by an unbuild
inventory_in / _out    inventory adjustment (or other inventory loss) in / out
transit                to or from a transit location
internal               between internal locations
other                  anything else (e.g. between two outside locations)
=====================  ==================================================

Each kind is built from the *side* conditions below (where a line comes
from, where it goes); the mass balance counts those sides (a line counts in
on its source and out on its destination), so both speak the same language.
"""

# where a line comes from / goes to (ls = source, ld = destination)
FROM_VENDOR = "ls.usage = 'supplier'"
TO_VENDOR = "ld.usage = 'supplier'"
FROM_CUSTOMER = "ls.usage = 'customer'"
TO_CUSTOMER = "ld.usage = 'customer'"
FROM_PRODUCTION = "ls.usage = 'production'"
TO_PRODUCTION = "ld.usage = 'production'"
FROM_SCRAP = "ls.scrap_location IS TRUE"
TO_SCRAP = "ld.scrap_location IS TRUE"
FROM_INVENTORY = "(ls.usage = 'inventory' AND ls.scrap_location IS NOT TRUE)"
TO_INVENTORY = "(ld.usage = 'inventory' AND ld.scrap_location IS NOT TRUE)"
UNBUILD_OUTPUT = "m.unbuild_id IS NOT NULL"
UNBUILD_CONSUMPTION = "m.consume_unbuild_id IS NOT NULL"
# mrp_repair's part moves carry no order of mrp (its own repair_id column
# exists only when it is installed: never read here)
OUTSIDE_PRODUCTION = "m.raw_material_production_id IS NULL AND m.consume_unbuild_id IS NULL"
# A part fitted by a repair into a device without a lot: mrp_repair links the
# repaired product's line (no lot) to the part's line through Odoo's
# consumption links (stock_move_line_consume_rel: consume_line_id the
# device's line, produce_line_id the part's).  The part is then the repair's
# customer's (the move's partner: the repair's address); with a lot on the
# device it is a repair_consumption into that lot (the genealogy).
TO_REPAIRED_DEVICE = (
    "({to_production} AND ls.usage <> 'production' AND {outside} AND EXISTS ("
    "SELECT 1 FROM stock_move_line_consume_rel fit"
    " JOIN stock_move_line device ON device.id = fit.consume_line_id"
    " WHERE fit.produce_line_id = ml.id AND device.lot_id IS NULL))").format(
    to_production=TO_PRODUCTION, outside=OUTSIDE_PRODUCTION)
# the lines that name a customer
TOUCHES_CUSTOMER = '(%s OR %s OR %s)' % (FROM_CUSTOMER, TO_CUSTOMER, TO_REPAIRED_DEVICE)

# kind -> condition, in the order the CASE tries them
KINDS = (
    ('dropship', "%s AND %s" % (FROM_VENDOR, TO_CUSTOMER)),
    ('receipt', "%s AND ld.usage <> 'supplier'" % FROM_VENDOR),
    ('customer_return', "%s AND ld.usage <> 'customer'" % FROM_CUSTOMER),
    ('vendor_return', "%s AND ls.usage <> 'supplier'" % TO_VENDOR),
    ('delivery', "%s AND ls.usage <> 'customer'" % TO_CUSTOMER),
    ('scrap', "%s AND ls.scrap_location IS NOT TRUE" % TO_SCRAP),
    ('scrap_undo', "%s AND ld.scrap_location IS NOT TRUE" % FROM_SCRAP),
    ('unbuild_consumption', "%s AND ls.usage <> 'production' AND %s"
     % (TO_PRODUCTION, UNBUILD_CONSUMPTION)),
    ('repair_delivery', TO_REPAIRED_DEVICE),
    ('repair_consumption', "%s AND ls.usage <> 'production' AND %s"
     % (TO_PRODUCTION, OUTSIDE_PRODUCTION)),
    ('consumption', "%s AND ls.usage <> 'production'" % TO_PRODUCTION),
    ('unbuild_output', "%s AND ld.usage <> 'production' AND %s"
     % (FROM_PRODUCTION, UNBUILD_OUTPUT)),
    ('production', "%s AND ld.usage <> 'production'" % FROM_PRODUCTION),
    ('inventory_in', "%s AND ld.usage <> 'inventory'" % FROM_INVENTORY),
    ('inventory_out', "%s AND ls.usage <> 'inventory'" % TO_INVENTORY),
    ('transit', "(ls.usage = 'transit' OR ld.usage = 'transit')"),
    ('internal', "(ls.usage = 'internal' AND ld.usage = 'internal')"),
)

# a simple CASE over the joined locations and the move: no subquery
KIND = 'CASE %s ELSE \'other\' END' % ' '.join(
    "WHEN %s THEN '%s'" % (condition, name) for name, condition in KINDS)

# the kinds that name a customer
CUSTOMER_KINDS = ('delivery', 'dropship', 'repair_delivery', 'customer_return')

# The customer of a line to or from a customer location (or of a part fitted
# into a device without a lot, TO_REPAIRED_DEVICE): the move's partner,
# else the purchase order's drop-ship address, else the sale order's shipping
# address, else the transfer's partner; never the order's vendor nor the
# company's own partner, and never the transfer's partner on a dropship
# (Odoo puts the vendor there).  NULL on other lines.  Reads the aliases of
# PARTNER_JOINS.
CUSTOMER = """(CASE WHEN {touches_customer} THEN COALESCE(
    CASE WHEN m.partner_id IS DISTINCT FROM po.partner_id
              AND m.partner_id IS DISTINCT FROM rc.partner_id THEN m.partner_id END,
    po.dest_address_id,
    so.partner_shipping_id,
    CASE WHEN NOT ({from_vendor})
              AND pk.partner_id IS DISTINCT FROM po.partner_id
              AND pk.partner_id IS DISTINCT FROM rc.partner_id THEN pk.partner_id END)
 END)""".format(touches_customer=TOUCHES_CUSTOMER, from_vendor=FROM_VENDOR)

# The vendor of a line from or to a vendor location: the transfer's partner,
# else the purchase order's vendor, else the move's partner (not on a
# dropship: there the move's partner is the customer).
VENDOR = """(CASE WHEN {touches_vendor} THEN COALESCE(
    pk.partner_id, po.partner_id,
    CASE WHEN NOT ({to_customer}) THEN m.partner_id END)
 END)""".format(touches_vendor='(%s OR %s)' % (FROM_VENDOR, TO_VENDOR), to_customer=TO_CUSTOMER)

# The partner a reader shows for a line: its customer on lines to or from a
# customer (a dropship: the customer), its vendor on lines to or from a
# vendor, else the transfer's or move's partner.
PARTNER = """COALESCE({customer}, {vendor},
    CASE WHEN NOT ({touches}) THEN COALESCE(pk.partner_id, m.partner_id) END)""".format(
    customer=CUSTOMER, vendor=VENDOR,
    touches='%s OR %s OR %s OR %s' % (FROM_CUSTOMER, TO_CUSTOMER, FROM_VENDOR, TO_VENDOR))

# What CUSTOMER, VENDOR and PARTNER read, all by primary key (m must carry
# partner_id, picking_id, purchase_line_id, sale_line_id and company_id): a
# reader that already joins some of these tables under the same aliases adds
# the others.  The transfer is the line's, else its move's: the point of sale
# (point_of_sale) writes the lines of the lots typed on an order without
# their transfer.
PICKING_JOIN = 'LEFT JOIN stock_picking pk ON pk.id = COALESCE(ml.picking_id, m.picking_id)'
PARTNER_JOINS = """
  """ + PICKING_JOIN + """
  LEFT JOIN purchase_order_line pol ON pol.id = m.purchase_line_id
  LEFT JOIN purchase_order po ON po.id = pol.order_id
  LEFT JOIN sale_order_line sol ON sol.id = m.sale_line_id
  LEFT JOIN sale_order so ON so.id = sol.order_id
  LEFT JOIN res_company rc ON rc.id = m.company_id
"""

# Between the company's own warehouses.  A line of kind ``transit`` or
# ``internal`` may take a lot from one warehouse to another: FSMA 204 reads
# that as a shipping event where the lot leaves one warehouse and a receiving
# event where it enters the other (each naming the other warehouse); a line
# inside one warehouse is neither.  WAREHOUSE_JOINS adds the aliases:
#   wls / wld    the warehouse holding the line's source / destination (the
#                one whose view location contains it), NULL outside any;
#   wto          on a line into transit: the warehouse the chained move out of
#                transit goes to (Odoo's resupply route chains them);
#   wfrom        on a line out of transit: the warehouse the chained move into
#                transit came from.
# Each alias carries id, name and partner_id (the warehouse's address).
_WAREHOUSE_OF = """
  LEFT JOIN LATERAL (
    SELECT w.id, w.name, w.partner_id
      FROM stock_warehouse w JOIN stock_location wv ON wv.id = w.view_location_id
     WHERE {location}.parent_left BETWEEN wv.parent_left AND wv.parent_right
     ORDER BY wv.parent_left DESC LIMIT 1) {alias} ON TRUE"""
# the other end of a chained move across transit: the warehouse of the
# destination of the next move (CHAIN move_orig_id -> move_dest_id) or of the
# source of the previous one (move_dest_id -> move_orig_id)
_ACROSS_TRANSIT = """
  LEFT JOIN LATERAL (
    SELECT w.id, w.name, w.partner_id
      FROM stock_move_move_rel r
      JOIN stock_move n ON n.id = r.{other}
      JOIN stock_location nl ON nl.id = n.{end}
      JOIN stock_location wv ON nl.parent_left BETWEEN wv.parent_left AND wv.parent_right
      JOIN stock_warehouse w ON w.view_location_id = wv.id
     WHERE r.{this} = m.id AND {transit}.usage = 'transit'
     ORDER BY n.id, wv.parent_left DESC LIMIT 1) {alias} ON TRUE"""
WAREHOUSE_JOINS = ''.join((
    _WAREHOUSE_OF.format(location='ls', alias='wls'),
    _WAREHOUSE_OF.format(location='ld', alias='wld'),
    _ACROSS_TRANSIT.format(other='move_dest_id', end='location_dest_id', this='move_orig_id',
                           transit='ld', alias='wto'),
    _ACROSS_TRANSIT.format(other='move_orig_id', end='location_id', this='move_dest_id',
                           transit='ls', alias='wfrom'),
))
# The line takes the lot out of warehouse wls towards another one (the
# warehouse SHIPPED_TO names, NULL when a transfer into transit has no
# chained move to say which) ...
LEAVES_WAREHOUSE = """(wls.id IS NOT NULL AND (
    ({kind}) = 'transit' AND ld.usage = 'transit' AND wto.id IS DISTINCT FROM wls.id
    OR ({kind}) = 'internal' AND wld.id <> wls.id))""".format(kind=KIND)
SHIPPED_TO = 'COALESCE(wld.%(column)s, wto.%(column)s)'
# ... or into warehouse wld from another one (the warehouse RECEIVED_FROM names)
ENTERS_WAREHOUSE = """(wld.id IS NOT NULL AND (
    ({kind}) = 'transit' AND ls.usage = 'transit' AND wfrom.id IS DISTINCT FROM wld.id
    OR ({kind}) = 'internal' AND wls.id <> wld.id))""".format(kind=KIND)
RECEIVED_FROM = 'COALESCE(wls.%(column)s, wfrom.%(column)s)'
