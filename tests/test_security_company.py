# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Multi-company and personal data, attacked over JSON-RPC and HTTP as the
users who found the leaks (issue 25): a stock user of a second company, an
employee without stock rights, a sales user and a purchase user.

Company SB is a child of the main company SA. Lot SEC-CO-LOT (company SB)
was delivered by SA to a customer of SA and by SB to a shared customer and
to a private address. A user of SA traces a recall stamped SB: a user of SB
must see the rows about SB only, and the contact data of the customers they
may read only."""
import base64
import io
import json
import re
import zipfile

import pytest

import factories
from conftest import RpcError, registry_env
from test_security_rpc import lots_button_modifiers

TAG = 'SEC-CO'
PASSWORD = 'secco'


def _user(env, login, groups, company):
    return factories.user(env, login.replace('_', ' ').title(), login, groups,
                          company=company, password=PASSWORD, email='%s@example.com' % login)


def _deliver(env, picking_type, source, partner, product, lot, qty, company):
    """A done delivery of QTY of LOT to PARTNER, moved by COMPANY."""
    picking = factories.picking(env, picking_type, source,
                                env.ref('stock.stock_location_customers'), [(product, qty)],
                                partner=partner, company=company)
    picking.move_line_ids.unlink()
    move = picking.move_lines
    factories.done_line(env, move, lot, qty)
    picking.action_done()
    assert picking.state == 'done' and move.company_id == company
    return picking


@pytest.fixture(scope='module')
def co(odoo_server):
    with registry_env(odoo_server.db) as env:
        main = env.ref('base.main_company')
        branch = env['res.company'].create({'name': '%s Branch' % TAG, 'parent_id': main.id})
        wh_a = env.ref('stock.warehouse0')
        wh_b = env['stock.warehouse'].create({'name': '%s WH' % TAG, 'code': 'SCB',
                                              'company_id': branch.id})
        product = env['product.product'].create({'name': '%s cheese' % TAG, 'type': 'product',
                                                 'tracking': 'lot'})
        lot = env['stock.production.lot'].create({'name': '%s-LOT' % TAG,
                                                  'product_id': product.id,
                                                  'company_id': branch.id})
        main_lot = env['stock.production.lot'].create({'name': '%s-MAIN' % TAG,
                                                       'product_id': product.id,
                                                       'company_id': main.id})
        Quant = env['stock.quant']
        Quant._update_available_quantity(product, wh_a.lot_stock_id, 10, lot_id=lot)
        Quant._update_available_quantity(product, wh_b.lot_stock_id, 10, lot_id=lot)
        Partner = env['res.partner']
        cust_a = Partner.create({
            'name': '%s Main Customer' % TAG, 'customer': True, 'company_id': main.id,
            'street': '7 Main Road', 'phone': '+1 555 0707', 'email': 'main-cust@example.com'})
        cust_b = Partner.create({
            'name': '%s Shared Customer' % TAG, 'customer': True, 'company_id': False,
            'street': '9 Branch Lane', 'phone': '+1 555 0909',
            'email': 'shared-cust@example.com'})
        private = Partner.create({
            'name': '%s Home Address' % TAG, 'type': 'private', 'customer': True,
            'street': '3 Private Close', 'phone': '+1 555 0303',
            'email': 'home@example.com'})
        delivery_a = _deliver(env, wh_a.out_type_id, wh_a.lot_stock_id, cust_a, product, lot,
                              4, main)
        _deliver(env, wh_b.out_type_id, wh_b.lot_stock_id, cust_b, product, lot, 2, branch)
        _deliver(env, wh_b.out_type_id, wh_b.lot_stock_id, private, product, lot, 1, branch)
        open_a = factories.receipt(env, [(product, 5)], warehouse=wh_a, company=main)
        _user(env, 'co_main_user', ['stock.group_stock_user', 'base.group_user'], main)
        _user(env, 'co_branch_user', ['stock.group_stock_user', 'base.group_user'], branch)
        _user(env, 'co_employee', ['base.group_user'], main)
        _user(env, 'co_seller', ['sales_team.group_sale_salesman', 'base.group_user'], main)
        _user(env, 'co_buyer', ['purchase.group_purchase_user', 'base.group_user'], main)
        data = {
            'main': main.id, 'branch': branch.id, 'product': product.id, 'lot': lot.id,
            'main_lot': main_lot.id, 'cust_a': cust_a.id, 'cust_b': cust_b.id,
            'private': private.id, 'delivery_a': delivery_a.id,
            'delivery_a_line': delivery_a.move_line_ids.id, 'open_a': open_a.id,
            'open_a_lines': open_a.move_line_ids.ids,
        }
    # the recall stamped with the branch, traced by a user of the main company
    server = odoo_server
    main_user = server.session('co_main_user', PASSWORD)
    recall_id = server.call(main_user, 'lot.recall', 'create', {
        'reason': 'Listeria found', 'direction': 'downstream', 'company_id': data['branch'],
        'lot_ids': [(6, 0, [data['lot']])]})
    server.call(main_user, 'lot.recall', 'action_compute', [recall_id])
    data['recall'] = recall_id
    return data


def session(server, login):
    return server.session(login, PASSWORD)


def customers_of(server, http, recall_id):
    return server.call(http, 'lot.recall.customer', 'search_read',
                       [('recall_id', '=', recall_id)],
                       ['partner_id', 'name', 'address', 'phone', 'mobile', 'email', 'company_id'])


# ---------------------------------------------------------------- finding 1
def test_branch_user_sees_only_the_recall_rows_of_the_branch(odoo_server, co):
    server = odoo_server
    main_user, branch_user = session(server, 'co_main_user'), session(server, 'co_branch_user')
    # the tracing user (main company, parent of the branch) sees both companies' rows
    seen_by_main = customers_of(server, main_user, co['recall'])
    assert {row['partner_id'][0] for row in seen_by_main} == {
        co['cust_a'], co['cust_b'], co['private']}
    lines_main = server.call(main_user, 'lot.recall.line', 'search_read',
                             [('recall_id', '=', co['recall'])], ['partner_id', 'company_id'])
    assert co['cust_a'] in {row['partner_id'] and row['partner_id'][0] for row in lines_main}

    # the branch user reads the recall stamped with the branch ...
    figures = ['customer_count', 'delivered_qty', 'stock_qty', 'line_count']
    recall = server.call(branch_user, 'lot.recall', 'read', [co['recall']], figures + [
        'quantity_summary', 'customer_ids', 'line_ids'])[0]
    recall_main = server.call(main_user, 'lot.recall', 'read', [co['recall']], figures)[0]
    assert (recall_main['customer_count'], recall_main['delivered_qty'],
            recall_main['stock_qty']) == (3, 7.0, 13.0)
    # ... but none of the rows about the main company's deliveries
    seen = customers_of(server, branch_user, co['recall'])
    assert {row['partner_id'][0] for row in seen} == {co['cust_b'], co['private']}
    assert all(row['company_id'][0] == co['branch'] for row in seen)
    assert sorted(recall['customer_ids']) == sorted(row['id'] for row in seen)
    lines = server.call(branch_user, 'lot.recall.line', 'search_read',
                        [('recall_id', '=', co['recall'])],
                        ['partner_id', 'partner_name', 'company_id'])
    assert lines and all(row['company_id'][0] == co['branch'] for row in lines)
    assert TAG + ' Main Customer' not in json.dumps(lines)
    assert sorted(recall['line_ids']) == sorted(row['id'] for row in lines)
    assert recall['line_count'] == len(lines) < len(lines_main)
    # the figures count the branch's deliveries and stock only (2 + 1 delivered, 7 on
    # hand; not the main company's 4 delivered and 6 on hand)
    assert (recall['customer_count'], recall['delivered_qty'], recall['stock_qty']) == (
        2, 3.0, 7.0)
    assert '13' not in recall['quantity_summary']
    # rows of the main company cannot be read by id either
    hidden = sorted(set(row['id'] for row in seen_by_main) - set(row['id'] for row in seen))
    with pytest.raises(RpcError, match='AccessError|security restrictions'):
        server.call(branch_user, 'lot.recall.customer', 'read', hidden, ['name', 'email'])
    # the raw snapshot (every company's rows) is for administrators only
    with pytest.raises(RpcError, match='security restrictions'):
        server.call(branch_user, 'lot.recall', 'read', [co['recall']], ['snapshot'])
    graph = server.call(branch_user, 'lot.genealogy.graph', 'graph_data', 'lot.recall',
                        [co['recall']])
    assert TAG + ' Main Customer' not in json.dumps(graph)
    assert TAG + ' Shared Customer' in json.dumps(graph)


def _xlsx_text(content):
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return ''.join(book.read(name).decode('utf-8', 'replace') for name in book.namelist()
                       if name.endswith('.xml'))


def test_branch_user_downloads_hide_the_main_company(odoo_server, co):
    server = odoo_server
    main_user, branch_user = session(server, 'co_main_user'), session(server, 'co_branch_user')
    base = '%s/lot_traceability/recall/%d' % (server.url, co['recall'])
    xlsx = branch_user.get(base + '/xlsx', timeout=120)
    assert xlsx.status_code == 200
    text = _xlsx_text(xlsx.content)
    assert TAG + ' Main Customer' not in text and 'main-cust@example.com' not in text
    assert 'Main Road' not in text
    assert TAG + ' Shared Customer' in text
    epcis = branch_user.get(base + '/epcis', timeout=120)
    assert epcis.status_code == 200
    assert TAG + ' Main Customer' not in epcis.text and 'Main Road' not in epcis.text
    report = '%s/report/html/lot_traceability.report_lot_recall/%d' % (server.url, co['recall'])
    html = branch_user.get(report, timeout=120)
    assert html.status_code == 200, html.status_code
    assert TAG + ' Shared Customer' in html.text
    assert TAG + ' Main Customer' not in html.text and 'main-cust@example.com' not in html.text
    # the private address is listed (it received the lot) without its contact data
    assert TAG + ' Home Address' in html.text
    assert 'home@example.com' not in html.text and '0303' not in html.text
    # the main company's user, who may read everything, gets it all (the test can fail)
    html_main = main_user.get(report, timeout=120)
    assert TAG + ' Main Customer' in html_main.text
    assert 'main-cust@example.com' in html_main.text


def test_contact_data_only_for_users_who_may_read_the_customer(odoo_server, co):
    server = odoo_server
    branch_user = session(server, 'co_branch_user')
    rows = {row['partner_id'][0]: row for row in customers_of(server, branch_user, co['recall'])}
    shared, home = rows[co['cust_b']], rows[co['private']]
    assert shared['email'] == 'shared-cust@example.com' and shared['phone'] == '+1 555 0909'
    assert 'Branch Lane' in shared['address']
    # a private address: stock users may not read it, so its contact data stays hidden
    with pytest.raises(RpcError):
        server.call(branch_user, 'res.partner', 'read', [co['private']], ['email'])
    assert (home['email'], home['phone'], home['mobile']) == (False, False, False)
    assert 'Not shown' in home['address'] and 'Private Close' not in home['address']
    # nor through the kept columns, nor through a search on the email
    with pytest.raises(RpcError, match='security restrictions'):
        server.call(branch_user, 'lot.recall.customer', 'read', [home['id']],
                    ['contact_email'])
    assert not server.call(branch_user, 'lot.recall.customer', 'search',
                           [('email', '=', 'home@example.com')])
    assert server.call(branch_user, 'lot.recall.customer', 'search',
                       [('recall_id', '=', co['recall']), ('email', '=', False)]) == [home['id']]
    # a notice line shows the email as the user sees it (not read as superuser)
    wizard = server.call(branch_user, 'lot.recall.notify', 'create', {
        'recall_id': co['recall'],
        'line_ids': [(0, 0, {'customer_id': row['id']}) for row in (shared, home)]})
    lines = server.call(branch_user, 'lot.recall.notify', 'read', [wizard],
                        ['line_ids'])[0]['line_ids']
    emails = server.call(branch_user, 'lot.recall.notify.line', 'read', lines, ['email'])
    assert sorted(row['email'] or '' for row in emails) == ['', 'shared-cust@example.com']


def test_lot_customer_figures_follow_the_readers_companies(odoo_server, co):
    server = odoo_server
    main_user, branch_user = session(server, 'co_main_user'), session(server, 'co_branch_user')
    fields = ['customer_ids', 'customer_count', 'customer_move_line_ids', 'customer_balance_ids']
    as_branch = server.call(branch_user, 'stock.production.lot', 'read', [co['lot']], fields)[0]
    as_main = server.call(main_user, 'stock.production.lot', 'read', [co['lot']], fields)[0]
    # the customers of the user's companies' deliveries that the user may read as
    # partners (the private address is not)
    assert set(as_main['customer_ids']) == {co['cust_a'], co['cust_b']}
    assert set(as_branch['customer_ids']) == {co['cust_b']}
    assert as_branch['customer_count'] == 1
    assert co['delivery_a_line'] not in as_branch['customer_move_line_ids']
    balances = server.call(branch_user, 'lot.customer.balance', 'search_read',
                           [('lot_id', '=', co['lot'])], ['partner_id', 'company_id'])
    assert {row['partner_id'][0] for row in balances} == {co['cust_b'], co['private']}
    assert len(as_branch['customer_balance_ids']) == 2
    assert len(as_main['customer_balance_ids']) == 3
    # the customer's "Lots received" button counts the user's companies' deliveries
    assert server.call(branch_user, 'res.partner', 'read', [co['cust_a']],
                       ['lot_received_count'])[0]['lot_received_count'] == 0
    assert server.call(main_user, 'res.partner', 'read', [co['cust_a']],
                       ['lot_received_count'])[0]['lot_received_count'] == 1


# ---------------------------------------------------------------- finding 5
@pytest.mark.parametrize('login', ['co_employee', 'co_seller', 'co_branch_user'])
def test_who_got_which_lot_is_not_read_through_move_line_fields(odoo_server, co, login):
    server = odoo_server
    http = session(server, login)
    line = co['delivery_a_line']
    for field in ('picking_partner_id', 'sale_order_id'):
        if login == 'co_branch_user' and field == 'sale_order_id':
            continue  # no order behind this delivery: nothing to read
        with pytest.raises(RpcError, match='AccessError|security restrictions|not allowed'):
            server.call(http, 'stock.move.line', 'read', [line], [field, 'lot_id'])
        with pytest.raises(RpcError, match='AccessError|security restrictions|not allowed'):
            server.call(http, 'stock.move.line', 'search_read', [('id', '=', line)],
                        [field, 'lot_id'])
    # the same read as the main company's stock user answers the customer (the test can fail)
    main_user = session(server, 'co_main_user')
    row = server.call(main_user, 'stock.move.line', 'read', [line],
                      ['picking_partner_id', 'sale_order_id'])[0]
    assert row['picking_partner_id'][0] == co['cust_a']


# ---------------------------------------------------------------- low findings
def _scan(server, http, res_id, barcode):
    return server.jsonrpc(http, '/lot_traceability/scan', model='stock.picking',
                          res_id=res_id, barcode=barcode)


@pytest.mark.parametrize('login', ['co_buyer', 'co_employee'])
def test_scan_refused_to_users_without_stock_rights(odoo_server, co, login):
    server = odoo_server
    http = session(server, login)
    admin = server.session()
    fields = ['lot_id', 'qty_done']
    before = server.call(admin, 'stock.move.line', 'read', co['open_a_lines'], fields)
    lots_before = server.call(admin, 'stock.production.lot', 'search_count', [])
    for barcode in (TAG + '-LOT', TAG + '-NEW'):
        with pytest.raises(RpcError) as error:
            _scan(server, http, co['open_a'], barcode)
        message = str(error.value)
        assert 'Scanning lots needs Inventory or Manufacturing user rights' in message
        assert 'quarantined' not in message and 'expired' not in message
    assert server.call(admin, 'stock.move.line', 'read', co['open_a_lines'], fields) == before
    assert server.call(admin, 'stock.production.lot', 'search_count', []) == lots_before


def test_scan_on_a_foreign_document_answers_as_a_missing_one(odoo_server, co):
    server = odoo_server
    branch_user = session(server, 'co_branch_user')
    admin = server.session()
    missing = server.call(admin, 'stock.picking', 'search', [], order='id desc', limit=1)[0]
    missing += 10000
    answers = []
    for res_id in (co['open_a'], missing):
        with pytest.raises(RpcError) as error:
            _scan(server, branch_user, res_id, TAG + '-LOT')
        answers.append(re.sub(r'\d+', 'N', str(error.value)))
    assert answers[0] == answers[1]
    assert 'does not exist or you may not record scans' in answers[0]
    for res_id in (co['open_a'], missing):
        with pytest.raises(RpcError) as error:
            server.call(branch_user, 'stock.picking', 'lot_scan', [res_id], TAG + '-LOT')
        assert 'does not exist or you may not record scans' in str(error.value)
    lines = server.call(admin, 'stock.move.line', 'read', co['open_a_lines'], ['qty_done'])
    assert all(row['qty_done'] == 0 for row in lines)


def test_lot_name_check_reveals_no_lot_of_another_company(odoo_server, co):
    server = odoo_server
    branch_user = session(server, 'co_branch_user')
    admin = server.session()
    count = server.call(admin, 'stock.production.lot', 'search_count', [])
    answers = []
    # a lot name the main company has, and one it has not: the same answer
    for name in (TAG + '-MAIN', TAG + '-NOWHERE'):
        with pytest.raises(RpcError) as error:
            server.call(branch_user, 'stock.production.lot', 'create', {
                'name': name, 'product_id': co['product'], 'company_id': co['main']})
        answers.append(str(error.value).replace(name, 'NAME'))
        assert 'companies you work for' in answers[-1]
        assert 'already exists' not in answers[-1]
    assert answers[0] == answers[1]
    main_lot = server.call(admin, 'stock.production.lot', 'read', [co['main_lot']], ['name'])
    with pytest.raises(RpcError, match='companies you work for'):
        server.call(branch_user, 'stock.production.lot', 'write', [co['lot']],
                    {'company_id': co['main'], 'name': main_lot[0]['name']})
    assert server.call(admin, 'stock.production.lot', 'search_count', []) == count
    assert server.call(admin, 'stock.production.lot', 'read', [co['lot']],
                       ['name', 'company_id'])[0]['company_id'][0] == co['branch']
    # in the user's own company the check still answers clearly
    with pytest.raises(RpcError, match='already exists'):
        server.call(branch_user, 'stock.production.lot', 'create', {
            'name': TAG + '-LOT', 'product_id': co['product'], 'company_id': co['branch']})


def test_employee_opens_a_partner_form(odoo_server, co):
    server = odoo_server
    employee = session(server, 'co_employee')
    view = server.call(employee, 'res.partner', 'fields_view_get', view_type='form')
    row = server.call(employee, 'res.partner', 'read', [co['cust_a']], list(view['fields']))[0]
    assert row['lot_received_count'] == 0
    # the stat button itself is hidden from users without stock rights
    assert lots_button_modifiers(view['arch']).get('invisible') is True


# ---------------------------------------------------------------- the close record
def test_close_record_is_read_only_by_users_of_every_company_it_names(odoo_server, co):
    """Closing keeps what the recall knew as a file (every company's rows): a
    user of the branch reads the recall, not that file; no contact data in it."""
    server = odoo_server
    main_user, branch_user = session(server, 'co_main_user'), session(server, 'co_branch_user')
    if server.call(main_user, 'lot.recall', 'read', [co['recall']], ['state'])[0][
            'state'] == 'draft':
        server.call(main_user, 'lot.recall', 'action_open', [co['recall']])
    server.call(main_user, 'lot.recall', 'action_close', [co['recall']])
    domain = [('res_model', '=', 'lot.recall'), ('res_id', '=', co['recall'])]
    files = server.call(main_user, 'ir.attachment', 'search_read', domain, ['name', 'datas'])
    assert len(files) == 1, files
    content = json.loads(base64.b64decode(files[0]['datas']))
    names = {row['name'] for row in content['customers']}
    assert TAG + ' Main Customer' in names and TAG + ' Shared Customer' in names
    assert not any(key.startswith('contact_') for row in content['customers'] for key in row)
    assert 'main-cust@example.com' not in json.dumps(content)
    # the branch user reads the recall (stamped with the branch) but not the file
    assert server.call(branch_user, 'lot.recall', 'read', [co['recall']], ['state'])[0][
        'state'] == 'closed'
    ids = server.call(branch_user, 'ir.attachment', 'search', domain)
    assert ids == [files[0]['id']]
    with pytest.raises(RpcError, match='companies you do not work for'):
        server.call(branch_user, 'ir.attachment', 'read', ids, ['datas'])
    # nor as a download
    download = branch_user.get('%s/web/content/%d?download=true' % (server.url, ids[0]),
                               timeout=60)
    assert b'Main Customer' not in download.content
