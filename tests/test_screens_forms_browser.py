# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Forms, lists and settings as a stock worker and a quality manager see them
in Chromium at 1366x768 on the demo story: a receipt's lots, the *Not
reserved* banner, the recall form, the lot label settings, a produced lot,
the lots of a delivery and *Scan lot*. Each step leaves a screenshot in
.state/screenshots/."""
import os
import subprocess
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import factories
from conftest import registry_env
from fefo_common import utc
from test_browser import click_menu, login, open_page
from test_recall_http import click_visible_button
from test_recall_workspace_browser import clickable, nothing_to_quarantine
from test_scan_browser import scan_keys

WIDTH, HEIGHT = 1366, 768


def shot(browser, name):
    from harness import settings
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    browser.save_screenshot(os.path.join(folder, name))


def open_record(browser, server, model, res_id, action_xmlid):
    with registry_env(server.db) as env:
        action_id = env.ref(action_xmlid).id
    open_page(browser, '%s/web#id=%d&model=%s&view_type=form&action=%d'
              % (server.url, res_id, model, action_id))
    return WebDriverWait(browser, 120).until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, '.o_form_view')))


def click_tab(browser, name):
    WebDriverWait(browser, 60).until(EC.element_to_be_clickable(
        (By.XPATH, '//ul[contains(@class, "nav-tabs")]//a[normalize-space()="%s"]' % name))).click()


def column_titles(element):
    return [th.text.strip() for th in element.find_elements(By.CSS_SELECTOR, 'thead th')]


@pytest.fixture
def quality_browser(browser, odoo_server):
    browser.set_window_size(WIDTH, HEIGHT)
    login(browser, odoo_server)
    return browser


@pytest.fixture
def worker_browser(browser, odoo_server):
    """Chromium logged in as a stock worker (Inventory user, no manager right)."""
    with registry_env(odoo_server.db) as env:
        if not env['res.users'].search([('login', '=', 'forms_worker')]):
            factories.user(env, 'Forms Worker', 'forms_worker', [
                'base.group_user', 'stock.group_stock_user', 'stock.group_production_lot'],
                password='forms_worker', email='forms_worker@example.com')
    browser.set_window_size(WIDTH, HEIGHT)
    login(browser, odoo_server, 'forms_worker', 'forms_worker')
    return browser


# ---------------------------------------------------------------------- receipts
def test_receipt_lots_open_the_lot_form_and_show_on_operations(quality_browser, odoo_server):
    browser = quality_browser
    with registry_env(odoo_server.db) as env:
        receipt = env['stock.picking'].search([
            ('picking_type_code', '=', 'incoming'), ('state', '=', 'done'),
            ('move_line_ids.lot_id', '!=', False)], order='id', limit=1)
        line = receipt.move_line_ids.filtered('lot_id')[0]
        lot_name, location = line.lot_id.name, line.location_dest_id.name
        receipt_id, receipt_name = receipt.id, receipt.name
    open_record(browser, odoo_server, 'stock.picking', receipt_id,
                'stock.action_picking_tree_all')
    # the first tab (Operations) says which lot went where
    click_tab(browser, 'Operations')
    moves = WebDriverWait(browser, 60).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_field_one2many[name="move_lines"]')))
    assert 'Lots' in column_titles(moves)
    assert '%s @ %s' % (lot_name, location) in moves.text, moves.text
    shot(browser, 'receipt_operations_lots.png')
    # a row of Lots Received opens the lot itself, in its full form
    click_tab(browser, 'Lots Received')
    row = WebDriverWait(browser, 60).until(EC.element_to_be_clickable(
        (By.XPATH, '//div[@name="received_lot_line_ids"]//tr[contains(@class, "o_data_row")]'
                   '[.//td[normalize-space()="%s"]]' % lot_name)))
    row.click()
    WebDriverWait(browser, 60).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_form_view .oe_title'), lot_name))
    assert not browser.find_elements(By.CSS_SELECTOR, '.modal-dialog')
    assert browser.find_elements(By.CSS_SELECTOR, '.o_form_view .oe_button_box'), 'full lot form'
    assert 'model=stock.production.lot' in browser.current_url
    crumbs = browser.find_element(By.CSS_SELECTOR, '.o_control_panel .breadcrumb').text
    assert receipt_name in crumbs and lot_name in crumbs
    shot(browser, 'receipt_lot_opened.png')


def test_printed_pick_list_fits_the_page_and_keeps_lot_names_whole(
        quality_browser, odoo_server, monkeypatch):
    import odoo
    browser = quality_browser
    # Odoo answers HTML instead of running wkhtmltopdf when test_enable is set
    monkeypatch.setitem(odoo.tools.config.options, 'test_enable', False)
    with registry_env(odoo_server.db) as env:
        warehouse = env.ref('stock.warehouse0')
        stock = warehouse.lot_stock_id
        product = env['product.product'].create({
            'name': 'Pick list organic rolled oats, large flakes, 25 kg sack', 'type': 'product',
            'tracking': 'lot', 'default_code': 'OATS-LARGE-FLAKES-25KG'})
        location = env['stock.location'].create({
            'name': 'Aisle 12 - Rack 04 - Shelf C - Bin 0007', 'usage': 'internal',
            'location_id': stock.id})
        lots = [env['stock.production.lot'].create({
            'name': 'GRN-2026-00000%d' % i, 'product_id': product.id, 'life_date': utc(30 + i)})
            for i in range(2)]
        for lot in lots:
            factories.add_stock(env, product, location, 10, lot=lot)
        picking = factories.delivery(env, [(product, 15)], env.ref('base.res_partner_2'),
                                     assign=True)
        picking_id = picking.id
        report = env.ref('stock.action_report_picking')
        pdf = report.render_qweb_pdf(picking.ids)[0]
    from harness import settings
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, 'pick_list.pdf')
    with open(path, 'wb') as handle:
        handle.write(pdf)
    text = subprocess.run(['pdftotext', '-layout', path, '-'], check=True,
                          stdout=subprocess.PIPE, universal_newlines=True).stdout
    subprocess.run(['pdftoppm', '-r', '70', '-png', '-f', '1', '-l', '1', '-singlefile', path,
                    os.path.join(folder, 'pick_list')], check=True)
    # each lot name on one line, as printed on the label, in the pick list and in
    # Odoo's operations table below it
    assert text.count('GRN-2026-000000') == 2 and text.count('GRN-2026-000001') == 2, text
    # the same page in the browser: no sideways scrolling
    browser.get('%s/report/html/stock.report_picking/%d' % (odoo_server.url, picking_id))
    WebDriverWait(browser, 60).until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, 'table.o_pick_guidance')))
    shot(browser, 'pick_list_html.png')
    sizes = browser.execute_script(
        "var d = document.documentElement;"
        "var cells = document.querySelectorAll('.o_pick_lot');"
        "var heights = Array.prototype.map.call(cells, function (c) {"
        "  return c.querySelector('span').getClientRects().length; });"
        "return {scroll: d.scrollWidth, width: d.clientWidth, lines: heights};")
    assert sizes['scroll'] <= sizes['width'], sizes
    assert sizes['lines'] and max(sizes['lines']) == 1, sizes   # lot names do not wrap


# ---------------------------------------------------------------------- reservation
def test_not_reserved_banner_gives_the_missing_quantity(quality_browser, odoo_server):
    browser = quality_browser
    with registry_env(odoo_server.db) as env:
        warehouse = env.ref('stock.warehouse0')
        stock = warehouse.lot_stock_id
        kg = env.ref('product.product_uom_kgm')
        product = env['product.product'].create({
            'name': 'Banner flour', 'type': 'product', 'tracking': 'lot',
            'uom_id': kg.id, 'uom_po_id': kg.id})
        good = factories.lot(env, product, 'BNR-GOOD', life_date=utc(40))
        old = factories.lot(env, product, 'BNR-OLD', life_date=utc(-3))
        factories.add_stock(env, product, stock, 110, lot=good)
        factories.add_stock(env, product, stock, 30, lot=old)
        ids = {}
        for key, qty in (('short', 120), ('full', 50)):
            picking = factories.delivery(env, [(product, qty, kg)],
                                         env.ref('base.res_partner_2'), assign=True)
            ids[key] = picking.id
            if key == 'short':
                # 110 of 120 reserved; then 60 more come in: the rest is reserved
                assert picking.move_lines.reserved_availability == 110
                factories.add_stock(env, product, stock, 60, lot=good)
    open_record(browser, odoo_server, 'stock.picking', ids['short'],
                'stock.action_picking_tree_all')
    banner = WebDriverWait(browser, 60).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_form_view .alert-warning')))
    assert 'Not reserved' in banner.text
    assert '10 of 120 kg not reserved' in banner.text, banner.text
    assert 'BNR-OLD' in banner.text and 'expired' in banner.text
    shot(browser, 'not_reserved_10_of_120.png')
    # the second delivery took its 50 kg in full: no banner
    open_record(browser, odoo_server, 'stock.picking', ids['full'],
                'stock.action_picking_tree_all')
    WebDriverWait(browser, 60).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_form_view .o_form_statusbar'), 'Ready'))
    assert not [b for b in browser.find_elements(By.CSS_SELECTOR, '.o_form_view .alert-warning')
                if b.is_displayed()]
    shot(browser, 'not_reserved_none_when_full.png')
    # the first one, once the missing 10 kg are reserved too: no banner either
    with registry_env(odoo_server.db) as env:
        env['stock.picking'].browse(ids['short']).action_assign()
    open_record(browser, odoo_server, 'stock.picking', ids['short'],
                'stock.action_picking_tree_all')
    WebDriverWait(browser, 60).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_form_view .o_form_statusbar'), 'Ready'))
    assert not [b for b in browser.find_elements(By.CSS_SELECTOR, '.o_form_view .alert-warning')
                if b.is_displayed()]


# ---------------------------------------------------------------------- recall
def test_recall_form_at_1366_pixels(quality_browser, odoo_server):
    browser = quality_browser
    wait = WebDriverWait(browser, 120)
    with registry_env(odoo_server.db) as env:
        hzn = env.ref('lot_traceability.demo_lot_hzn_0001')
        recall = factories.traced_recall(env, hzn, 'Foreign body in HZN-0001', direction='both')
        recall_id = recall.id
        units = set(recall.balance_ids.mapped('uom_name'))
        vendors = set(recall.line_ids.filtered(
            lambda line: line.kind == 'receipt').mapped('partner_name'))
        customers = set(recall.line_ids.filtered(
            lambda line: line.kind in ('delivery', 'return')).mapped('partner_name'))
    assert len(units) > 1, units          # kg and Units: the case of the footer
    assert vendors and customers and not vendors & customers
    open_record(browser, odoo_server, 'lot.recall', recall_id,
                'lot_traceability.lot_recall_action')
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_field_one2many[name="customer_ids"]'), 'Corner Deli'))
    # the header holds on one row
    bar = browser.execute_script(
        "var bar = document.querySelector('.o_form_view .o_form_statusbar');"
        "var button = bar.querySelector('.o_statusbar_buttons > button');"
        "return [bar.getBoundingClientRect().height, button.getBoundingClientRect().height];")
    assert bar[0] < 2 * bar[1], bar       # one row of buttons and status, not two
    # Per lot and dates: readable, not cut
    cells = browser.execute_script(
        "var table = document.querySelector('.o_field_one2many[name=\"customer_ids\"] table');"
        "var heads = Array.prototype.map.call(table.querySelectorAll('thead th'),"
        "  function (th) { return th.textContent.trim(); });"
        "var lot = heads.indexOf('Per lot'), date = heads.indexOf('Last delivery');"
        "var out = {lines: 0, cut: 0, lot: lot, date: date};"
        "table.querySelectorAll('tbody tr.o_data_row').forEach(function (tr) {"
        "  var tds = tr.querySelectorAll('td');"
        "  var style = getComputedStyle(tds[lot]);"
        "  var range = document.createRange(), tops = {};"
        "  range.selectNodeContents(tds[lot]);"
        "  Array.prototype.forEach.call(range.getClientRects(), function (r) {"
        "    if (r.width > 1) { tops[Math.round(r.top)] = 1; } });"
        "  var lots = tds[lot].textContent.trim().split('\\n').length;"
        "  out.lines = Math.max(out.lines, Object.keys(tops).length);"
        "  out.lots = Math.max(out.lots || 0, lots);"
        "  var box = tr.closest('.table-responsive') || tr.closest('table').parentNode;"
        "  out.sideways = box.scrollWidth > box.clientWidth + 10;"
        "  out.widths = [box.scrollWidth, box.clientWidth, box.className];"
        "  if (tds[date].scrollWidth > tds[date].clientWidth + 1) { out.cut++; } });"
        "return out;")
    browser.execute_script("document.querySelector('.o_field_one2many[name=\"customer_ids\"]')"
                           ".scrollIntoView();")
    shot(browser, 'recall_customers_1366.png')
    assert cells['lot'] >= 0 and cells['date'] >= 0, cells
    # at most two lines per lot (not 8 lines), no date cut
    assert cells['lines'] <= 2 * cells['lots'] and not cells['cut'], cells
    assert not cells['sideways'], cells['widths']   # every column in view, the last delivery too
    shot(browser, 'recall_form_1366.png')
    # mass balance: no total across units
    click_tab(browser, 'Mass balance')
    balance = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_field_one2many[name="balance_ids"]')))
    footer = [td.text.strip() for td in balance.find_elements(By.CSS_SELECTOR, 'tfoot td')]
    assert not [text for text in footer if text], footer
    # every column in view, the last one (Open lot) too: no sideways scrolling
    sizes = browser.execute_script(
        "var box = arguments[0].querySelector('.table-responsive') || arguments[0];"
        "return [box.scrollWidth, box.clientWidth];", balance)
    assert sizes[0] <= sizes[1] + 1, sizes
    shot(browser, 'recall_mass_balance.png')
    # nothing to quarantine: a message closed with Ok, nothing left over the header
    click_visible_button(browser, 'Quarantine affected stock')
    wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, '.modal-footer .btn-primary'))).click()
    notice = nothing_to_quarantine(browser)
    shot(browser, 'recall_notice_and_notify.png')
    notice.find_element(By.XPATH, './/button[normalize-space()="Ok"]').click()
    wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))
    for name in ('Notify customers', 'Print PDF', 'Close'):
        button = [b for b in browser.find_elements(
            By.XPATH, '//div[contains(@class, "o_statusbar_buttons")]/button'
                      '[normalize-space()="%s"]' % name) if b.is_displayed()][0]
        assert clickable(browser, button), name
    # result lines: no Create, no Import; by customer, only customers
    browser.find_element(By.XPATH, '//button[contains(@class, "oe_stat_button")]'
                                   '[contains(., "Result lines")]').click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '.o_list_view .o_group_header')))
    assert not [b for b in browser.find_elements(
        By.CSS_SELECTOR, '.o_list_button_add, .o_button_import') if b.is_displayed()]
    groups = [g.text for g in browser.find_elements(By.CSS_SELECTOR, '.o_group_header')]
    assert groups and not [g for g in groups if 'Undefined' in g], groups
    assert not [g for g in groups for vendor in vendors if vendor in g], groups
    assert [g for g in groups for customer in customers if customer in g], groups
    shot(browser, 'recall_lines_by_customer.png')


# ---------------------------------------------------------------------- settings
def test_lot_label_settings_show_the_paper_and_label_every_box(quality_browser, odoo_server):
    """The default paper is a label printer's (one label a page): only the
    paper shows; an A4 sheet of labels adds its columns and rows."""
    browser = quality_browser
    with registry_env(odoo_server.db) as env:
        action_id = env.ref('stock.action_stock_config_settings').id
        paper = env.ref('lot_traceability.paperformat_lot_label_100x50').name
        sheet = env.ref('lot_traceability.paperformat_lot_label').name
    open_page(browser, '%s/web#action=%d' % (odoo_server.url, action_id))
    wait = WebDriverWait(browser, 120)
    box = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.o_lot_label_settings')))
    browser.execute_script('arguments[0].scrollIntoView({block: "center"});', box)
    paper_input = box.find_element(By.CSS_SELECTOR, 'div[name="lot_label_paperformat_id"] input')
    assert paper_input.get_attribute('value') == paper
    assert browser.execute_script(       # and shown whole, not cut
        'return arguments[0].scrollWidth <= arguments[0].clientWidth;', paper_input)

    def shown_labels():
        return [label.text.strip() for label in box.find_elements(By.CSS_SELECTOR, 'label')
                if label.is_displayed()]
    assert shown_labels() == ['Paper'], shown_labels()
    shot(browser, 'settings_lot_labels_printer.png')
    # an A4 sheet of labels: how many per row and rows per page
    paper_input.clear()
    paper_input.send_keys('A4')
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//ul[contains(@class, "ui-autocomplete")]//a[normalize-space()="%s"]'
                   % sheet))).click()
    wait.until(lambda d: shown_labels() == ['Paper', 'Columns', 'Rows'])
    # each label stands on the row of its box
    for label, name in zip(box.find_elements(By.CSS_SELECTOR, 'label'),
                           ('lot_label_paperformat_id', 'lot_label_columns', 'lot_label_rows')):
        field = box.find_element(By.CSS_SELECTOR, '.o_field_widget[name="%s"]' % name)
        assert abs(label.rect['y'] - field.rect['y']) < 12, (name, label.rect, field.rect)
    shot(browser, 'settings_lot_labels.png')
    browser.find_element(By.XPATH, '//button[normalize-space()="Discard"]').click()
    with registry_env(odoo_server.db) as env:   # discarded: the company keeps its paper
        assert env.user.company_id._lot_label_paperformat().name == paper


# ---------------------------------------------------------------------- lots
def test_produced_lot_hides_the_purchase_fields(quality_browser, odoo_server):
    browser = quality_browser
    with registry_env(odoo_server.db) as env:
        pmx = env.ref('lot_traceability.demo_lot_pmx_0001')
        bought = env['stock.production.lot'].search([('purchase_order_id', '!=', False)],
                                                    order='id', limit=1)
        assert pmx.production_id and not pmx.purchase_order_id
        pmx_id, bought_id, bought_name = pmx.id, bought.id, bought.name
    form = open_record(browser, odoo_server, 'stock.production.lot', pmx_id,
                       'stock.action_production_lot_form')
    WebDriverWait(browser, 60).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_form_view .oe_title'), 'PMX-0001'))
    origin = form.find_element(By.XPATH, '//table[contains(@class, "o_group")]'
                                         '[.//*[@name="production_id"]]')
    text = origin.text
    assert 'Manufacturing Order' in text
    for label in ('Vendor', 'Purchase Order', 'Received Quantity', 'Receipt'):
        assert label not in text, (label, text)
    assert "Supplier's Lot Code" not in form.text     # nor an empty supplier's lot code
    shot(browser, 'lot_produced_origin.png')
    # a received lot keeps them
    form = open_record(browser, odoo_server, 'stock.production.lot', bought_id,
                       'stock.action_production_lot_form')
    WebDriverWait(browser, 60).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_form_view .oe_title'), bought_name))
    assert 'Vendor' in form.text and 'Received Quantity' in form.text
    assert "Supplier's Lot Code" in form.text


def test_delivery_lines_have_no_supplier_lot_code(odoo_server):
    """The lots of a move (its *Register lots* window): the supplier's lot code
    column on a receipt's move, not on a delivery's. Checked as the web client
    loads that window: the move's action_show_details, then its list view with
    the action's context (JSON-RPC)."""
    import json

    from lxml import etree
    with registry_env(odoo_server.db) as env:
        moves = {}
        for code in ('outgoing', 'incoming'):
            moves[code] = env['stock.picking'].search([
                ('picking_type_code', '=', code), ('state', '=', 'done'),
                ('move_line_ids.lot_id', '!=', False)], order='id', limit=1).move_lines[0].id
        view_id = env.ref('stock.view_stock_move_line_operation_tree').id
    http = odoo_server.session()
    for code, shown in (('outgoing', False), ('incoming', True)):
        action = odoo_server.call(http, 'stock.move', 'action_show_details', [moves[code]])
        views = odoo_server.call(http, 'stock.move.line', 'load_views',
                                 views=[[view_id, 'list']], context=action['context'])
        arch = etree.fromstring(views['fields_views']['list']['arch'])
        column = arch.xpath('//field[@name="supplier_lot_code"]')[0]
        hidden = json.loads(column.get('modifiers', '{}')).get('column_invisible', False)
        assert hidden is (not shown), (code, column.get('modifiers'))
        lot = arch.xpath('//field[@name="lot_id"]')[0]
        assert not json.loads(lot.get('modifiers', '{}')).get('column_invisible'), code


def test_delivery_detailed_operations_show_no_supplier_lot_code(worker_browser, odoo_server):
    """The *Detailed Operations* window of a move (the list icon on the
    Operations tab) as a stock worker sees it: the supplier's lot code column
    on a receipt, not on a delivery."""
    browser = worker_browser
    wait = WebDriverWait(browser, 120)
    with registry_env(odoo_server.db) as env:
        pickings = {code: env['stock.picking'].search([
            ('picking_type_code', '=', code), ('state', '=', 'done'),
            ('move_line_ids.lot_id', '!=', False)], order='id', limit=1).id
            for code in ('outgoing', 'incoming')}
    for code, shown in (('outgoing', False), ('incoming', True)):
        open_record(browser, odoo_server, 'stock.picking', pickings[code],
                    'stock.action_picking_tree_all')
        click_tab(browser, 'Operations')
        wait.until(EC.element_to_be_clickable(
            (By.CSS_SELECTOR, '.o_field_one2many[name="move_lines"] '
                              'button[title="Register lots, packs, location"]'))).click()
        dialog = wait.until(EC.visibility_of_element_located(
            (By.CSS_SELECTOR, '.modal-dialog .o_field_one2many table')))
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '.modal-dialog tbody tr.o_data_row'))
        assert 'Detailed Operations' in browser.find_element(
            By.CSS_SELECTOR, '.modal-dialog .modal-title').text
        titles = column_titles(dialog)
        shot(browser, 'detailed_operations_%s.png' % code)
        assert 'Lot' in titles, titles
        assert ("Supplier's Lot Code" in titles) is shown, (code, titles)
        browser.find_element(By.CSS_SELECTOR, '.modal-dialog .modal-header .close').click()
        wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))


def test_scan_lot_says_quarantined_and_expired(quality_browser, odoo_server):
    browser = quality_browser
    with registry_env(odoo_server.db) as env:
        product = factories.product(env, 'Scan lookup honey')
        factories.lot(env, product, 'SCN-OLD', life_date=utc(-5))
        factories.lot(env, product, 'SCN-OK', life_date=utc(60))
        lot_id = env.ref('lot_traceability.demo_lot_grn_0001').id
    expected = (('GRN-0001', 'Quarantined: lot GRN-0001 cannot be reserved',
                 'scan_lot_quarantined.png'),
                ('SCN-OLD', 'Expired on', 'scan_lot_expired.png'),
                ('SCN-OK', None, 'scan_lot_ok.png'))
    for barcode, warning, name in expected:
        # Inventory > Traceability > Scan lot
        open_record(browser, odoo_server, 'stock.production.lot', lot_id,
                    'stock.action_production_lot_form')
        click_menu(browser, 'lot_traceability.lot_scan_lookup_menu')
        WebDriverWait(browser, 120).until(EC.visibility_of_element_located(
            (By.CSS_SELECTOR, '.modal-dialog .o_form_view')))
        time.sleep(1)
        scan_keys(browser, barcode)
        WebDriverWait(browser, 60).until(EC.text_to_be_present_in_element(
            (By.CSS_SELECTOR, '.modal-dialog .o_field_widget[name="message"]'), barcode))
        alerts = [a for a in browser.find_elements(
            By.CSS_SELECTOR, '.modal-dialog .o_lot_scan_warning') if a.is_displayed()]
        if warning:
            assert alerts and warning in alerts[0].text, [a.text for a in alerts]
        else:
            assert not alerts
        shot(browser, name)
