# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A closed recall is evidence, attacked over the real JSON-RPC API as a
plain stock user, an Inventory Manager and an employee without stock rights:
only a recall manager reopens it, with a reason that is logged; its
messages, notices, rows and the record of each close stay; the override log
and the genealogy are append-only; the recall notice template is changed by
managers only. Each refusal is checked to have changed nothing."""
import base64
import hashlib
import json

import pytest

import factories
from conftest import RpcError, registry_env

NOTIFY = {'mail_notify_force_send': False}


def refused(server, http, model, method, *args, **kwargs):
    """MODEL.METHOD(*ARGS) over JSON-RPC is refused with an access or user error."""
    with pytest.raises(RpcError) as error:
        server.call(http, model, method, *args, **kwargs)
    assert 'AccessError' in str(error.value) or 'UserError' in str(error.value) \
        or 'ValidationError' in str(error.value), error.value
    return str(error.value)


def closed_recall(env, lot_xmlids, reason):
    """A recall traced, its customers notified (a notice each, kept on them),
    a note on one customer, then closed."""
    env = env(context=dict(env.context, **NOTIFY))
    recall = env['lot.recall'].create({
        'reason': reason, 'direction': 'downstream',
        'lot_ids': [(6, 0, [env.ref(xmlid).id for xmlid in lot_xmlids])]})
    recall.action_compute()
    action = recall.action_notify_customers()
    env[action['res_model']].browse(action['res_id']).action_send()
    recall.customer_ids[:1].message_post(body='Called the customer: 5 units left on the shelf.')
    recall.message_post(body='Lab result attached to the case file.')
    recall.action_close()
    return recall


@pytest.fixture(scope='module')
def ev(odoo_server):
    with registry_env(odoo_server.db) as env:
        factories.login_user(env, 'ev_worker', ['stock.group_stock_user', 'base.group_user'])
        factories.login_user(env, 'ev_manager', ['stock.group_stock_manager', 'base.group_user'])
        factories.login_user(env, 'ev_employee', ['base.group_user'])
        kept = closed_recall(env, ['lot_traceability.demo_lot_grn_0001'], 'Rancid taste')
        reopened = closed_recall(env, ['lot_traceability.demo_lot_grn_0001'], 'Supplier alert')
        assert kept.customer_ids and kept.balance_ids and kept.line_ids
        open_recall = factories.traced_recall(
            env, env.ref('lot_traceability.demo_lot_grn_0002'), 'Open case',
            direction='downstream')
        lot = env.ref('lot_traceability.demo_lot_grn_0001')
        log = env['lot.override.log']._record(lot, lot, 'planned lot damaged')
        template = env.ref('lot_traceability.mail_template_lot_recall_customer')
        other_template = env['mail.template'].create({
            'name': 'EV partner letter', 'model_id': env.ref('base.model_res_partner').id,
            'subject': 'Hello'})
        return {'kept': kept.id, 'reopened': reopened.id, 'log': log.id, 'open': open_recall.id,
                'template': template.id, 'other_template': other_template.id,
                'edge': env['lot.genealogy.edge'].search([], limit=1).id}


def evidence(db, recall_id):
    """Everything a recall keeps, read as superuser: fields, rows, messages
    (also those of its customers), attachments with their content."""
    with registry_env(db) as env:
        recall = env['lot.recall'].browse(recall_id)
        customers = recall.customer_ids
        messages = env['mail.message'].search([
            '|', '&', ('model', '=', 'lot.recall'), ('res_id', '=', recall.id),
            '&', ('model', '=', 'lot.recall.customer'), ('res_id', 'in', customers.ids)])
        attachments = env['ir.attachment'].search([('res_model', '=', 'lot.recall'),
                                                   ('res_id', '=', recall.id)])
        return {
            'recall': recall.read(['state', 'reason', 'is_drill', 'lot_ids', 'date_closed',
                                   'date_computed', 'compute_seconds', 'snapshot',
                                   'date_first_export', 'export_seconds'])[0],
            'lines': sorted(recall.line_ids.read(['lot_name', 'qty', 'partner_name']),
                            key=lambda row: row['id']),
            'customers': sorted(customers.read(['name', 'email', 'qty', 'lot_details']),
                                key=lambda row: row['id']),
            'balance': sorted(recall.balance_ids.read(['lot_name', 'unexplained']),
                              key=lambda row: row['id']),
            'messages': sorted((m.id, m.model, m.res_id, m.body, m.attachment_ids.ids)
                               for m in messages),
            'attachments': sorted((a.id, a.name, a.res_id, hashlib.sha1(
                base64.b64decode(a.datas or b'')).hexdigest()) for a in attachments),
        }


def message_ids(db, recall_id):
    with registry_env(db) as env:
        recall = env['lot.recall'].browse(recall_id)
        on_recall = env['mail.message'].search([('model', '=', 'lot.recall'),
                                                ('res_id', '=', recall.id)]).ids
        on_customers = env['mail.message'].search([
            ('model', '=', 'lot.recall.customer'),
            ('res_id', 'in', recall.customer_ids.ids)]).ids
        return on_recall, on_customers


def test_stock_user_cannot_reopen_a_closed_recall(odoo_server, ev):
    worker = odoo_server.session('ev_worker', 'ev_worker')
    before = evidence(odoo_server.db, ev['kept'])
    assert 'Inventory Manager' in refused(odoo_server, worker, 'lot.recall', 'action_reopen',
                                          [ev['kept']])
    # the reason dialog does not help: it checks again
    wizard = odoo_server.call(worker, 'lot.recall.reopen', 'create',
                              {'recall_id': ev['kept'], 'reason': 'fix the customer list'})
    assert 'Inventory Manager' in refused(odoo_server, worker, 'lot.recall.reopen',
                                          'action_confirm', [wizard])
    with pytest.raises(RpcError, match='Private methods'):
        odoo_server.call(worker, 'lot.recall', '_reopen', [ev['kept']], 'no reason')
    with pytest.raises(RpcError, match='Private methods'):
        odoo_server.call(worker, 'lot.recall', '_write_system', [ev['kept']],
                         {'state': 'open'})
    assert evidence(odoo_server.db, ev['kept']) == before
    assert before['recall']['state'] == 'closed'


def test_nobody_below_settings_deletes_or_edits_the_messages(odoo_server, ev):
    on_recall, on_customers = message_ids(odoo_server.db, ev['kept'])
    assert on_recall and on_customers
    before = evidence(odoo_server.db, ev['kept'])
    # the notices sent are on the customers, as mails
    assert any('We are recalling products' in body for _id, model, _res, body, _att
               in before['messages'] if model == 'lot.recall.customer')
    for login in ('ev_worker', 'ev_manager'):
        http = odoo_server.session(login, login)
        for ids in (on_recall, on_customers, on_recall[:1], on_customers[:1]):
            refused(odoo_server, http, 'mail.message', 'unlink', ids)
            refused(odoo_server, http, 'mail.message', 'write', ids, {'body': 'nothing here'})
            refused(odoo_server, http, 'mail.message', 'write', ids, {'res_id': 0})
        # through the recall's own message field, closed or not
        for command in ([(2, on_recall[0])], [(3, on_recall[0])], [(5,)], [(6, 0, [])],
                        [(1, on_recall[0], {'body': 'rewritten'})]):
            refused(odoo_server, http, 'lot.recall', 'write', [ev['kept']],
                    {'message_ids': command})
    assert evidence(odoo_server.db, ev['kept']) == before


def test_no_backdated_message_and_none_in_another_name(odoo_server, ev):
    worker = odoo_server.session('ev_worker', 'ev_worker')
    with registry_env(odoo_server.db) as env:
        admin = env.ref('base.partner_root').id
        customer = env['lot.recall'].browse(ev['kept']).customer_ids[:1].id
    before = evidence(odoo_server.db, ev['kept'])
    for model, res_id in (('lot.recall', ev['kept']), ('lot.recall.customer', customer)):
        for vals in ({'author_id': admin}, {'date': '2020-01-01 08:00:00'}):
            refused(odoo_server, worker, 'mail.message', 'create', dict(
                vals, model=model, res_id=res_id, message_type='comment',
                body='Recall reopened by Administrator'))
    refused(odoo_server, worker, 'lot.recall', 'message_post', [ev['kept']],
            body='Approved by the quality manager', author_id=admin)
    assert evidence(odoo_server.db, ev['kept']) == before
    # posting in one's own name stays open, on a closed recall too
    odoo_server.call(worker, 'lot.recall', 'message_post', [ev['kept']],
                     body='Customer called back', message_type='comment')
    after = evidence(odoo_server.db, ev['kept'])
    assert len(after['messages']) == len(before['messages']) + 1


def test_stock_user_sends_the_notices_in_own_name(odoo_server, ev):
    worker = odoo_server.session('ev_worker', 'ev_worker')
    action = odoo_server.call(worker, 'lot.recall', 'action_notify_customers', [ev['open']])
    odoo_server.call(worker, action['res_model'], 'action_send', [action['res_id']],
                     context=NOTIFY)
    with registry_env(odoo_server.db) as env:
        recall = env['lot.recall'].browse(ev['open'])
        user = env['res.users'].search([('login', '=', 'ev_worker')])
        notices = env['mail.message'].search([('model', '=', 'lot.recall.customer'),
                                              ('res_id', 'in', recall.customer_ids.ids)])
        assert len(notices) == len(recall.customer_ids.filtered('email'))
        assert notices.mapped('author_id') == user.partner_id


def test_a_notice_waiting_to_be_sent_is_not_rewritten(odoo_server, ev):
    _on_recall, on_customers = message_ids(odoo_server.db, ev['kept'])

    def outgoing():
        with registry_env(odoo_server.db) as env:
            mails = env['mail.mail'].search([('mail_message_id', 'in', on_customers)])
            return sorted((m.id, m.state, m.body_html, m.email_to, m.recipient_ids.ids,
                           m.body, m.subject) for m in mails)

    before = outgoing()
    assert before, 'the notices wait in the mail queue'
    mail_ids = [row[0] for row in before]
    worker = odoo_server.session('ev_worker', 'ev_worker')
    for vals in ({'body_html': '<p>All clear, keep selling.</p>'},
                 {'email_to': 'attacker@example.com'}, {'recipient_ids': [(6, 0, [])]},
                 {'body': '<p>All clear.</p>'}, {'subject': 'Never mind'}):
        refused(odoo_server, worker, 'mail.mail', 'write', mail_ids, vals)
    assert outgoing() == before


def test_rows_and_fields_of_a_closed_recall_stay(odoo_server, ev):
    before = evidence(odoo_server.db, ev['kept'])
    rows = {'lot.recall.line': [row['id'] for row in before['lines']],
            'lot.recall.customer': [row['id'] for row in before['customers']],
            'lot.recall.balance': [row['id'] for row in before['balance']]}
    with registry_env(odoo_server.db) as env:
        other_lot = env.ref('lot_traceability.demo_lot_grn_0002').id
    for login in ('ev_worker', 'ev_manager'):
        http = odoo_server.session(login, login)
        for model, ids in rows.items():
            assert ids, model
            refused(odoo_server, http, model, 'unlink', ids)
            refused(odoo_server, http, model, 'write', ids[:1], {'uom_name': 'kg'})
            refused(odoo_server, http, model, 'create', {'recall_id': ev['kept']})
        for vals in ({'reason': 'nothing happened'}, {'is_drill': True},
                     {'lot_ids': [(6, 0, [other_lot])]}, {'direction': 'both'}):
            assert 'is closed' in refused(odoo_server, http, 'lot.recall', 'write',
                                          [ev['kept']], vals)
        for vals in ({'customer_ids': [(5,)]}, {'line_ids': [(2, rows['lot.recall.line'][0])]},
                     {'snapshot': '[]'}, {'state': 'open'}, {'date_closed': False}):
            assert 'by hand' in refused(odoo_server, http, 'lot.recall', 'write',
                                        [ev['kept']], vals)
        refused(odoo_server, http, 'lot.recall', 'action_compute', [ev['kept']])
        refused(odoo_server, http, 'lot.recall', 'unlink', [ev['kept']])
    assert evidence(odoo_server.db, ev['kept']) == before
    # an export of the closed recall is logged, its drill timing stays as closed
    worker = odoo_server.session('ev_worker', 'ev_worker')
    odoo_server.call(worker, 'lot.recall', 'action_export_xlsx', [ev['kept']])
    after = evidence(odoo_server.db, ev['kept'])
    assert after['recall'] == before['recall']
    assert len(after['messages']) == len(before['messages']) + 1


def test_the_close_is_kept_as_an_attachment_nobody_below_settings_changes(odoo_server, ev):
    worker = odoo_server.session('ev_worker', 'ev_worker')
    before = evidence(odoo_server.db, ev['kept'])
    files = odoo_server.call(worker, 'ir.attachment', 'search_read',
                             [('res_model', '=', 'lot.recall'), ('res_id', '=', ev['kept'])],
                             ['name', 'datas'])
    assert len(files) == 1, files
    date_closed = before['recall']['date_closed']
    assert 'closed on %s UTC' % date_closed.replace(':', '-') in files[0]['name']
    content = json.loads(base64.b64decode(files[0]['datas']))
    assert content['recall']['state'] == 'closed'
    assert content['recall']['date_closed'] == date_closed
    assert content['snapshot'] == json.loads(before['recall']['snapshot'])
    assert sorted(c['name'] for c in content['customers']) == sorted(
        c['name'] for c in before['customers'])
    assert len(content['mass_balance']) == len(before['balance'])
    # the close message carries it
    assert any(files[0]['id'] in attachments for *_m, attachments in before['messages'])
    for login in ('ev_worker', 'ev_manager'):
        http = odoo_server.session(login, login)
        refused(odoo_server, http, 'ir.attachment', 'unlink', [files[0]['id']])
        for vals in ({'datas': base64.b64encode(b'{}').decode()}, {'res_id': 0},
                     {'name': 'nothing.json'}, {'res_model': 'res.partner'}):
            refused(odoo_server, http, 'ir.attachment', 'write', [files[0]['id']], vals)
    assert evidence(odoo_server.db, ev['kept']) == before


def test_manager_deletes_drafts_only(odoo_server, ev):
    manager = odoo_server.session('ev_manager', 'ev_manager')
    with registry_env(odoo_server.db) as env:
        lot = env.ref('lot_traceability.demo_lot_grn_0002').id
    draft = odoo_server.call(manager, 'lot.recall', 'create',
                             {'reason': 'typed by mistake', 'lot_ids': [(6, 0, [lot])]})
    odoo_server.call(manager, 'lot.recall', 'unlink', [draft])
    assert not odoo_server.call(manager, 'lot.recall', 'search', [('id', '=', draft)])
    before = evidence(odoo_server.db, ev['kept'])
    assert 'Settings' in refused(odoo_server, manager, 'lot.recall', 'unlink', [ev['kept']])
    assert evidence(odoo_server.db, ev['kept']) == before


def test_manager_reopens_with_a_reason_and_the_previous_evidence_stays(odoo_server, ev):
    manager = odoo_server.session('ev_manager', 'ev_manager')
    recall = ev['reopened']
    first = evidence(odoo_server.db, recall)
    action = odoo_server.call(manager, 'lot.recall', 'action_reopen', [recall])
    assert action['res_model'] == 'lot.recall.reopen'
    assert action['context'] == {'default_recall_id': recall}
    # no reason, no reopening
    blank = odoo_server.call(manager, 'lot.recall.reopen', 'create',
                             {'recall_id': recall, 'reason': '   '})
    assert 'why' in refused(odoo_server, manager, 'lot.recall.reopen', 'action_confirm',
                            [blank])
    assert evidence(odoo_server.db, recall) == first

    wizard = odoo_server.call(manager, 'lot.recall.reopen', 'create',
                              {'recall_id': recall,
                               'reason': 'Lot <b>GRN-0002</b> is affected too'})
    odoo_server.call(manager, 'lot.recall.reopen', 'action_confirm', [wizard])
    with registry_env(odoo_server.db) as env:
        case = env['lot.recall'].browse(recall)
        assert case.state == 'open' and not case.date_closed
        note = case.message_ids.filtered(lambda m: 'reopened by' in (m.body or ''))
        assert len(note) == 1, case.message_ids.mapped('body')
        assert note.author_id == env['res.users'].search([('login', '=', 'ev_manager')]).partner_id
        assert 'Recall reopened by Ev Manager on ' in note.body
        assert 'Lot &lt;b&gt;GRN-0002&lt;/b&gt; is affected too' in note.body
        first_file = env['ir.attachment'].browse(first['attachments'][0][0])
        assert first_file.name in note.body
        customers = case.customer_ids
        notified = {c.partner_id.id: c.id for c in customers if c.message_ids}
        corner_deli = env.ref('lot_traceability.demo_customer_corner_deli').id
        freshmart = env.ref('lot_traceability.demo_customer_freshmart').id
        assert corner_deli in notified and freshmart in notified
        grn2 = env.ref('lot_traceability.demo_lot_grn_0002').id
    on_recall, on_customers = message_ids(odoo_server.db, recall)

    # open again: the manager changes the start lots and traces again
    odoo_server.call(manager, 'lot.recall', 'write', [recall],
                     {'lot_ids': [(6, 0, [grn2])], 'reason': 'Supplier alert, second lot'})
    odoo_server.call(manager, 'lot.recall', 'action_compute', [recall])
    with registry_env(odoo_server.db) as env:
        case = env['lot.recall'].browse(recall)
        by_partner = {c.partner_id.id: c for c in case.customer_ids}
        # the customers notified keep their row, id and notices
        for partner, customer_id in notified.items():
            assert by_partner[partner].id == customer_id
        deli = by_partner[corner_deli]
        assert deli.dropped, 'Corner Deli got no GRN-0002: kept for its notice'
        assert 'GRN-0001' in deli.lot_details
        assert not by_partner[freshmart].dropped
        assert 'GRN-0002' in by_partner[freshmart].lot_details
    assert message_ids(odoo_server.db, recall)[1] == on_customers

    odoo_server.call(manager, 'lot.recall', 'action_close', [recall])
    second = evidence(odoo_server.db, recall)
    assert len(second['attachments']) == 2
    # the first close's file, unchanged, next to the second one
    assert first['attachments'][0] in second['attachments']
    # and every message of the first close is still there, as it was
    assert set(map(repr, first['messages'])) <= set(map(repr, second['messages']))
    assert set(on_recall) <= {m[0] for m in second['messages']}


def test_override_log_and_genealogy_are_append_only(odoo_server, ev):
    manager = odoo_server.session('ev_manager', 'ev_manager')
    assert ev['edge'], 'the demo has genealogy links'

    def state():
        with registry_env(odoo_server.db) as env:
            # the links of manufacturing orders: other test modules of this
            # server write links with no order straight, which a rebuild drops
            edges = env['lot.genealogy.edge'].search([('production_id', '!=', False)])
            return (sorted((e.id, e.finished_lot_id.id, e.component_lot_id.id, e.qty)
                           for e in edges),
                    env['lot.override.log'].browse(ev['log']).read(
                        ['reason', 'actual_lot_id', 'user_id'])[0],
                    env['lot.override.log'].search_count([]))

    before = state()
    edge = odoo_server.call(manager, 'lot.genealogy.edge', 'read', [ev['edge']],
                            ['finished_lot_id', 'component_lot_id'])[0]
    for login in ('ev_manager', 'ev_worker'):
        http = odoo_server.session(login, login)
        refused(odoo_server, http, 'lot.genealogy.edge', 'create', {
            'finished_lot_id': edge['component_lot_id'][0],
            'component_lot_id': edge['finished_lot_id'][0], 'qty': 1})
        refused(odoo_server, http, 'lot.genealogy.edge', 'write', [ev['edge']], {'qty': 99})
        refused(odoo_server, http, 'lot.genealogy.edge', 'unlink', [ev['edge']])
        refused(odoo_server, http, 'lot.override.log', 'create', {'reason': 'made up'})
        refused(odoo_server, http, 'lot.override.log', 'write', [ev['log']],
                {'reason': 'nothing to see'})
        refused(odoo_server, http, 'lot.override.log', 'unlink', [ev['log']])
    assert state() == before
    # the manager's rebuild still works (the code writes the links)
    action = odoo_server.call(manager, 'lot.genealogy.edge', 'action_rebuild_genealogy')
    assert 'Genealogy rebuilt' in action['help']
    after = state()
    assert sorted(row[1:] for row in after[0]) == sorted(row[1:] for row in before[0])
    assert after[1:] == before[1:]


def test_only_managers_change_the_recall_notice_template(odoo_server, ev):
    fields = ['subject', 'body_html', 'email_from', 'partner_to']

    def template(template_id):
        with registry_env(odoo_server.db) as env:
            return env['mail.template'].browse(template_id).read(fields)[0]

    before = template(ev['template'])
    for login in ('ev_employee', 'ev_worker'):
        http = odoo_server.session(login, login)
        refused(odoo_server, http, 'mail.template', 'write', [ev['template']],
                {'body_html': '<p>Nothing to worry about, keep selling.</p>'})
        refused(odoo_server, http, 'mail.template', 'write', [ev['template']],
                {'email_from': 'attacker@example.com'})
        refused(odoo_server, http, 'mail.template', 'unlink', [ev['template']])
        refused(odoo_server, http, 'mail.template', 'copy', ev['template'])
        # other documents' templates: as in standard Odoo
        odoo_server.call(http, 'mail.template', 'write', [ev['other_template']],
                         {'subject': 'Hello from %s' % login})
        assert template(ev['other_template'])['subject'] == 'Hello from %s' % login
    assert template(ev['template']) == before
    manager = odoo_server.session('ev_manager', 'ev_manager')
    odoo_server.call(manager, 'mail.template', 'write', [ev['template']],
                     {'subject': before['subject'] + ' (urgent)'})
    assert template(ev['template'])['subject'] == before['subject'] + ' (urgent)'
    odoo_server.call(manager, 'mail.template', 'write', [ev['template']],
                     {'subject': before['subject']})
    assert template(ev['template']) == before


def test_reopen_keeps_the_real_record_not_a_user_upload_of_its_name(odoo_server, ev):
    # a recall closed before its close was kept as a file: the reopen keeps it then
    with registry_env(odoo_server.db) as env:
        recall = closed_recall(env, ['lot_traceability.demo_lot_grn_0002'], 'Old case')
        recall.env['ir.attachment'].search([('res_model', '=', 'lot.recall'),
                                            ('res_id', '=', recall.id)]).unlink()
        recall_id, name = recall.id, recall._evidence_name()
    worker = odoo_server.session('ev_worker', 'ev_worker')
    fake = odoo_server.call(worker, 'ir.attachment', 'create', {
        'name': name, 'datas_fname': name, 'res_model': 'lot.recall', 'res_id': recall_id,
        'datas': base64.b64encode(b'{"customers": []}').decode()})
    manager = odoo_server.session('ev_manager', 'ev_manager')
    wizard = odoo_server.call(manager, 'lot.recall.reopen', 'create',
                              {'recall_id': recall_id, 'reason': 'Second supplier alert'})
    odoo_server.call(manager, 'lot.recall.reopen', 'action_confirm', [wizard])
    with registry_env(odoo_server.db) as env:
        files = env['ir.attachment'].search([('res_model', '=', 'lot.recall'),
                                             ('res_id', '=', recall_id), ('name', '=', name)])
        real = files.filtered(lambda f: f.id != fake)
        assert len(real) == 1 and real.create_uid.id == 1
        content = json.loads(base64.b64decode(real.datas))
        customers = env['lot.recall'].browse(recall_id).customer_ids
        assert sorted(c['name'] for c in content['customers']) == sorted(customers.mapped('name'))
        assert customers
