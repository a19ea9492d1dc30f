# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's native up/down traceability report, fully unfolded.

Does what a user does in *Up/Down Traceability*: open the report on a lot,
then unfold every unfoldable line (the web client's ``get_lines`` calls,
same arguments), until nothing is left to unfold.  A line already unfolded
elsewhere in the tree is not unfolded twice (the user would have to; doing
it once keeps the native time a lower bound).

``native_trace`` returns what the report reached, in the terms our trace
rows use, so both can be compared: the lots, the customers delivered
(downstream) or the vendors received from (upstream).
"""
import time


class NativeTimeout(Exception):
    pass


def unfold_all(env, lot_id, stream, deadline=None):
    """All lines of the native report on LOT_ID, every level unfolded."""
    report = env['stock.traceability.report']
    head = report.with_context(active_id=lot_id, model='stock.production.lot',
                               ttype=stream).get_lines()
    lines = list(head)
    todo = list(head)
    unfolded = set()
    plain = report.with_context(**env.context)
    while todo:
        if deadline and time.time() > deadline:
            raise NativeTimeout(len(lines))
        line = todo.pop()
        if not line.get('unfoldable'):
            continue
        key = (line['model'], line['model_id'])
        if key in unfolded:
            continue
        unfolded.add(key)
        children = plain.get_lines(
            line['id'], model_id=line['model_id'], model_name=line['model'],
            stream=line['stream'] or 'upstream',
            parent_quant=line.get('parent_quant') or False,
            level=int(line['level']) + 30)
        lines.extend(children)
        todo.extend(children)
    return lines


def reached(env, lines, stream):
    """(lot ids, partner ids) the native LINES show."""
    line_ids = {line['model_id'] for line in lines if line['model'] == 'stock.move.line'}
    move_lines = env['stock.move.line'].browse(sorted(line_ids))
    lots = set(move_lines.mapped('lot_id').ids)
    quant_ids = {line['model_id'] for line in lines if line['model'] == 'stock.quant'}
    lots |= set(env['stock.quant'].browse(sorted(quant_ids)).mapped('lot_id').ids)
    usage = 'customer' if stream == 'downstream' else 'supplier'
    partners = set()
    for move_line in move_lines:
        if stream == 'downstream':
            hit = (move_line.location_dest_id.usage == usage
                   and move_line.location_id.usage != usage)
        else:
            hit = move_line.location_id.usage == usage
        if hit:
            partner = (move_line.picking_id.partner_id or move_line.move_id.partner_id)
            if partner:
                partners.add(partner.id)
    return lots, partners


def native_trace(env, lot_id, stream, deadline=None):
    lines = unfold_all(env, lot_id, stream, deadline)
    lots, partners = reached(env, lines, stream)
    return {'lines': len(lines), 'lots': lots | {lot_id}, 'partners': partners}


def our_reach(rows, lot_id, stream):
    """(lot ids, partner ids) our trace ROWS show, in native_trace's terms."""
    kind = 'delivery' if stream == 'downstream' else 'receipt'
    lots = {row['lot_id'] for row in rows} | {lot_id}
    partners = {row['partner_id'] for row in rows if row['kind'] == kind and row['partner_id']}
    return lots, partners
