# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The genealogy graph built from trace rows (the rows of trace_downstream /
trace_upstream, or a recall's stored snapshot of them): no second trace.

The trace walks each lot once, from the lot that reached it first, so the rows
form a tree per direction: start lots at the root, lots made from them (forward)
or that went into them (backward) below, and leaves for the customers that got
a lot (delivered, returned), the stock on hand and the vendors of receipts.
No ORM: what the web client draws (static/src/js/lot_genealogy_graph.js).
"""
from .formats import plain_qty


def _lot_node(lot_id, info, status, direction, level):
    name, product, qty, uom = info.get(lot_id, ('#%s' % lot_id, '', 0.0, ''))
    return {'id': 'lot-%s-%s' % (direction, lot_id), 'type': 'lot', 'lot_id': lot_id,
            'name': name, 'product': product, 'qty': qty, 'uom': uom,
            'status': status.get(lot_id, []), 'direction': direction, 'level': level,
            'children': []}


def build(rows, start_lot_ids, lot_info, lot_status):
    """The graph as a tree of dicts.

    ROWS: trace rows, each with a 'direction' ('downstream' / 'upstream').
    START_LOT_IDS: the lots the trace started from (level 0).
    LOT_INFO: {lot_id: (name, product name, quantity on hand, unit)}.
    LOT_STATUS: {lot_id: ['quarantined', 'expired', 'recalled', ...]}.
    Returns {'root': node, 'node_count': int, 'lot_count': int}; a node has
    id, type (root / lot / customer / stock / vendor), name, children, and for
    the link from its parent edge_qty / edge_uom / edge_label.
    """
    root = {'id': 'root', 'type': 'root', 'name': '', 'children': []}
    count = {'nodes': 0, 'lots': 0}  # the root is not drawn
    starts = {}
    for lot_id in start_lot_ids:
        node = _lot_node(lot_id, lot_info, lot_status, 'start', 0)
        node['start'] = True
        node['upstream'] = []  # drawn to the left of the start lot
        starts[lot_id] = node
        root['children'].append(node)
        count['nodes'] += 1
        count['lots'] += 1
    for direction in ('downstream', 'upstream'):
        mine = [r for r in rows if r.get('direction', 'downstream') == direction]
        by_lot = dict((lot_id, node) for lot_id, node in starts.items())

        def children_of(node):
            return node['upstream'] if node.get('start') and direction == 'upstream' \
                else node['children']

        # lots, level by level (a production row links a lot to the lot above it)
        productions = sorted((r for r in mine if r.get('kind') == 'production'),
                             key=lambda r: (r.get('level') or 0, r.get('lot_id')))
        for row in productions:
            lot_id = row.get('lot_id')
            parent = by_lot.get(row.get('origin_lot_id'))
            if not lot_id or parent is None or lot_id in by_lot:
                continue
            node = _lot_node(lot_id, lot_info, lot_status, direction, row.get('level') or 0)
            node.update(edge_qty=row.get('qty') or 0.0, edge_uom=row.get('uom') or '',
                        edge_label='%s %s' % (plain_qty(row.get('qty')), row.get('uom') or ''),
                        reference=row.get('reference') or '', truncated=bool(row.get('truncated')))
            children_of(parent).append(node)
            by_lot[lot_id] = node
            count['nodes'] += 1
            count['lots'] += 1
        # leaves: customers (delivered / returned), stock, vendors
        leaves = {}
        for row in mine:
            kind = row.get('kind')
            parent = by_lot.get(row.get('lot_id'))
            if parent is None or kind not in ('delivery', 'return', 'stock', 'receipt'):
                continue
            if kind in ('delivery', 'return'):
                key = ('customer', row.get('partner_id') or 0)
            elif kind == 'stock':
                key = ('stock', row.get('location_id') or 0)
            else:
                key = ('vendor', row.get('partner_id') or 0)
            leaf = leaves.get((row.get('lot_id'), key))
            if leaf is None:
                leaf = {'id': '%s-%s-%s-%s' % (key[0], direction, row.get('lot_id'), key[1]),
                        'type': key[0], 'partner_id': row.get('partner_id') or False,
                        'name': ((row.get('location_name') or '').split('/', 1)[-1]
                                 if kind == 'stock' else row.get('partner_name')) or '',
                        'delivered': 0.0, 'returned': 0.0, 'qty': 0.0,
                        'uom': row.get('uom') or '', 'children': [], 'direction': direction,
                        'level': row.get('level') or 0}
                leaves[(row.get('lot_id'), key)] = leaf
                children_of(parent).append(leaf)
                count['nodes'] += 1
            qty = row.get('qty') or 0.0
            if kind == 'delivery':
                leaf['delivered'] += qty
            elif kind == 'return':
                leaf['returned'] += qty
            else:
                leaf['qty'] += qty
        for leaf in leaves.values():
            if leaf['type'] == 'customer':
                net = leaf['delivered'] - leaf['returned']
                leaf['qty'] = net
                label = '%s %s' % (plain_qty(leaf['delivered']), leaf['uom'])
                if leaf['returned']:
                    label += ' (-%s returned = %s)' % (plain_qty(leaf['returned']), plain_qty(net))
                leaf['edge_label'] = label
            else:
                leaf['edge_label'] = '%s %s' % (plain_qty(leaf['qty']), leaf['uom'])
    return {'root': root, 'node_count': count['nodes'], 'lot_count': count['lots']}


def lot_ids_of(rows):
    """Every lot the rows name (what LOT_INFO and LOT_STATUS must cover)."""
    ids = set()
    for row in rows:
        for key in ('lot_id', 'origin_lot_id'):
            if row.get(key):
                ids.add(row[key])
    return ids
