# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The genealogy graph: built from the trace rows (tools/genealogy_graph.py),
served for lots and recalls, drawn in Chromium on the demo story."""
import os
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from odoo.addons.lot_traceability.tools import genealogy_graph

import factories
from conftest import registry_env
from test_browser import login, open_page
from test_demo_story import DemoCase


def nodes_of(node):
    yield node
    for child in node.get('children', []) + node.get('upstream', []):
        for sub in nodes_of(child):
            yield sub


class TestBuild:

    def rows(self, lots=50):
        """One start lot, LOTS finished lots made from it, each delivered twice."""
        rows = []
        for i in range(2, lots + 2):
            rows.append({'direction': 'downstream', 'kind': 'production', 'level': 1,
                         'lot_id': i, 'origin_lot_id': 1, 'qty': 10.0, 'uom': 'kg'})
            for partner in (100, 101):
                rows.append({'direction': 'downstream', 'kind': 'delivery', 'level': 2,
                             'lot_id': i, 'partner_id': partner, 'partner_name': 'C%d' % partner,
                             'qty': 4.0, 'uom': 'kg'})
            rows.append({'direction': 'downstream', 'kind': 'return', 'level': 2, 'lot_id': i,
                         'partner_id': 100, 'partner_name': 'C100', 'qty': 1.0, 'uom': 'kg'})
        rows.append({'direction': 'upstream', 'kind': 'production', 'level': 1, 'lot_id': 999,
                     'origin_lot_id': 1, 'qty': 3.0, 'uom': 'kg'})
        rows.append({'direction': 'upstream', 'kind': 'receipt', 'level': 2, 'lot_id': 999,
                     'partner_id': 7, 'partner_name': 'Vendor', 'qty': 3.0, 'uom': 'kg'})
        return rows

    def test_tree_of_lots_with_customers_as_leaves_net_of_returns(self):
        info = {i: ('L%d' % i, 'P', 0.0, 'kg') for i in list(range(1, 52)) + [999]}
        graph = genealogy_graph.build(self.rows(), [1], info, {5: ['quarantined']})
        start = graph['root']['children'][0]
        assert start['name'] == 'L1' and start['start']
        assert len(start['children']) == 50
        assert [n['name'] for n in start['upstream']] == ['L999']
        assert start['upstream'][0]['children'][0]['type'] == 'vendor'
        lot2 = start['children'][0]
        assert lot2['edge_label'] == '10 kg'
        customers = {c['name']: c for c in lot2['children']}
        assert customers['C100']['qty'] == 3.0
        assert customers['C100']['edge_label'] == '4 kg (-1 returned = 3)'
        assert customers['C101']['qty'] == 4.0
        by_name = {n['name']: n for n in nodes_of(graph['root'])}
        assert by_name['L5']['status'] == ['quarantined']
        # 1 start + 50 lots + 100 customers + 1 upstream lot + 1 vendor (the root is not drawn)
        assert graph['node_count'] == 153 == len(list(nodes_of(graph['root']))) - 1
        assert graph['lot_count'] == 52

    def test_rows_of_other_lots_are_ignored(self):
        rows = [{'direction': 'downstream', 'kind': 'delivery', 'lot_id': 77, 'partner_id': 1}]
        graph = genealogy_graph.build(rows, [1], {1: ('L1', 'P', 0.0, 'kg')}, {})
        assert graph['root']['children'][0]['children'] == []


class TestGraphData(DemoCase):

    def test_lot_graph_reads_the_trace_rows_of_the_demo_story(self):
        lot = self.lot('PMX-0001')
        graph = self.env['lot.genealogy.graph'].graph_data('stock.production.lot', lot.ids)
        names = {(n['type'], n['name']) for n in nodes_of(graph['root'])}
        assert ('lot', 'GRN-0001') in names
        assert ('lot', 'HZN-0001') in names and ('lot', 'HNY-0001') in names
        assert ('customer', 'Corner Deli') in names
        grn = [n for n in nodes_of(graph['root']) if n['name'] == 'GRN-0001'][0]
        assert 'quarantined' in grn['status']
        deli = [c for c in grn['children'] if c['name'] == 'Corner Deli'][0]
        assert deli['qty'] == 20.0

    def test_recall_graph_reads_the_stored_snapshot(self):
        recall = factories.traced_recall(self.env, self.lot('HZN-0001'), 'graph')
        graph = self.env['lot.genealogy.graph'].graph_data('lot.recall', recall.ids)
        names = {n['name'] for n in nodes_of(graph['root'])}
        assert {'HZN-0001', 'PMX-0001', 'GRN-0001', 'FreshMart Supermarkets'} <= names
        grn = [n for n in nodes_of(graph['root']) if n['name'] == 'GRN-0001'][0]
        assert 'recalled' in grn['status']


# what a person sees at the first view: the smallest label text (px on screen),
# links crossing a label, the share of the canvas the drawing fills
GRAPH_LOOK = """
var canvas = document.querySelector('.o_lot_graph_canvas').getBoundingClientRect();
var labels = document.querySelectorAll('g.o_lot_graph_node text.o_lot_graph_label');
var smallest = 1000, boxes = [];
for (var i = 0; i < labels.length; i++) {
    var spans = labels[i].querySelectorAll('tspan');
    for (var j = 0; j < spans.length; j++) {
        var px = parseFloat(getComputedStyle(spans[j]).fontSize) * labels[i].getScreenCTM().a;
        smallest = Math.min(smallest, px);
    }
    boxes.push(labels[i].getBoundingClientRect());
}
var crossings = [];
var paths = document.querySelectorAll('g.o_lot_graph_link path');
for (var p = 0; p < paths.length; p++) {
    var path = paths[p], length = path.getTotalLength(), ctm = path.getScreenCTM();
    for (var at = 0; at <= length; at += 2) {
        var pt = path.getPointAtLength(at);
        var x = ctm.a * pt.x + ctm.e, y = ctm.d * pt.y + ctm.f;
        for (var b = 0; b < boxes.length; b++) {
            var r = boxes[b];
            if (x > r.left + 1 && x < r.right - 1 && y > r.top + 2 && y < r.bottom - 2) {
                crossings.push(labels[b].textContent);
            }
        }
    }
}
var bottom = window.innerHeight - canvas.bottom;
var drawing = document.querySelector('.o_lot_graph_svg > g').getBoundingClientRect();
var shownW = Math.min(drawing.right, canvas.right) - Math.max(drawing.left, canvas.left);
var shownH = Math.min(drawing.bottom, canvas.bottom) - Math.max(drawing.top, canvas.top);
return {smallest: smallest, crossings: crossings, belowCanvas: bottom,
        fillWidth: shownW / canvas.width, fillHeight: shownH / canvas.height};
"""


def open_graph(browser, odoo_server, xmlid):
    with registry_env(odoo_server.db) as env:
        lot_id = env.ref(xmlid).id
    return open_graph_of(browser, odoo_server, lot_id)


def open_graph_of(browser, odoo_server, lot_id):
    wait = WebDriverWait(browser, 120)
    with registry_env(odoo_server.db) as env:
        action_id = env.ref('stock.action_production_lot_form').id
    open_page(browser, '%s/web#id=%d&model=stock.production.lot&view_type=form&action=%d'
              % (odoo_server.url, lot_id, action_id))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '.o_form_view .oe_button_box')))
    xpath = '//button[contains(@class, "oe_stat_button")][contains(., "Genealogy graph")]'
    if not [b for b in browser.find_elements(By.XPATH, xpath) if b.is_displayed()]:
        # the button box folds its last buttons under "More"
        browser.find_element(By.CSS_SELECTOR, '.oe_button_box .o_button_more').click()
    wait.until(EC.element_to_be_clickable((By.XPATH, xpath))).click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, 'g.o_lot_graph_node')))
    # the first view is fitted once the canvas is in the page (and the page laid out)
    transform = "return document.querySelector('.o_lot_graph_svg > g').getAttribute('transform')"
    wait.until(lambda d: d.execute_script(transform))
    time.sleep(1)
    return wait


def graph_names(browser):
    return {(e.get_attribute('data-type'), e.get_attribute('data-name'))
            for e in browser.find_elements(By.CSS_SELECTOR, 'g.o_lot_graph_node')}


def assert_readable(look):
    assert look['smallest'] >= 10.99, look         # no text below 11 px at the first view
    assert not look['crossings'], look             # no link runs through a label
    assert look['belowCanvas'] <= 10, look         # the canvas fills the window
    # the drawing uses the canvas, not a thin strip at its top
    assert look['fillWidth'] >= 0.6 or look['fillHeight'] >= 0.6, look


@pytest.mark.usefixtures('odoo_server')
def test_graph_renders_the_demo_story_in_chromium(browser, odoo_server):
    from harness import settings
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    browser.set_window_size(1366, 768)
    login(browser, odoo_server)
    wait = open_graph(browser, odoo_server, 'lot_traceability.demo_lot_pmx_0001')
    shown = graph_names(browser)
    # the finished lot: what it was made from, and its customers without expanding anything
    assert {('lot', 'PMX-0001'), ('lot', 'GRN-0001'), ('lot', 'HZN-0001')} <= shown
    assert ('customer', 'Corner Deli') in shown, shown
    browser.save_screenshot(os.path.join(folder, 'genealogy_graph_pmx_0001.png'))
    assert_readable(browser.execute_script(GRAPH_LOOK))
    breadcrumb = browser.find_element(By.CSS_SELECTOR, '.o_control_panel .breadcrumb').text
    assert 'Genealogy of PMX-0001' in breadcrumb and 'stock.production.lot' not in breadcrumb
    grn = browser.find_element(By.CSS_SELECTOR, 'g.o_lot_graph_node[data-name="GRN-0001"]')
    assert 'quarantined' in grn.get_attribute('data-status')
    browser.find_element(By.CSS_SELECTOR, '.o_lot_graph_expand').click()
    wait.until(lambda d: ('customer', 'FreshMart Supermarkets') in graph_names(browser)
               or len(graph_names(browser)) > len(shown))
    # search a lot, then open it with a click on its name
    search = browser.find_element(By.CSS_SELECTOR, '.o_lot_graph_search')
    search.send_keys('HZN-0001')
    wait.until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, 'g.o_lot_graph_node[data-name="HZN-0001"] rect')))  # found, marked
    label = wait.until(EC.element_to_be_clickable(
        (By.CSS_SELECTOR, 'g.o_lot_graph_node[data-name="HZN-0001"] text.o_lot_graph_label')))
    label.click()
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_form_view .oe_title'), 'HZN-0001'))
    breadcrumb = browser.find_element(By.CSS_SELECTOR, '.o_control_panel .breadcrumb').text
    assert 'Genealogy of PMX-0001' in breadcrumb


@pytest.mark.usefixtures('odoo_server')
def test_graph_of_a_raw_and_a_finished_lot_readably(browser, odoo_server):
    """The raw hazelnut lot (where it went) and the finished granola lot (what it
    was made from, its customers): at the first view, readable, customers shown,
    no link over a name."""
    from harness import settings
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    browser.set_window_size(1366, 768)
    login(browser, odoo_server)
    for xmlid, name, lots in (
            ('demo_lot_hzn_0001', 'genealogy_graph_hzn_0001_raw.png',
             {('lot', 'HZN-0001'), ('lot', 'PMX-0001'), ('lot', 'GRN-0001')}),
            ('demo_lot_grn_0001', 'genealogy_graph_grn_0001_finished.png',
             {('lot', 'GRN-0001'), ('lot', 'PMX-0001'), ('lot', 'HZN-0001')})):
        open_graph(browser, odoo_server, 'lot_traceability.' + xmlid)
        shown = graph_names(browser)
        browser.save_screenshot(os.path.join(folder, name))
        assert lots <= shown, shown
        assert ('customer', 'Corner Deli') in shown, shown
        # a node hiding others says how many ("+N", a click opens them)
        assert not [e for e in browser.find_elements(By.CSS_SELECTOR, 'g.o_lot_graph_node')
                    if e.get_attribute('data-hidden') == '1'
                    and not e.find_elements(By.CSS_SELECTOR, 'tspan.o_lot_graph_more')]
        assert_readable(browser.execute_script(GRAPH_LOOK))


# a wide genealogy: one flour lot in 8 dough lots, each in 8 bread lots, each in 7 sandwich lots
BIG_FANOUT = (8, 8, 7)


def build_big_genealogy(env):
    """1 + 8 + 64 + 448 = 521 lots, linked as manufacturing orders link them:
    one lot.genealogy.edge per consumed component lot (written through the ORM
    as the system does when an order is done; the order flow itself is tested in
    test_genealogy.py). Returns (start lot, a lot three levels down)."""
    uom = env.ref('product.product_uom_unit')
    Lot = env['stock.production.lot']
    Edge = env['lot.genealogy.edge']
    products = [env['product.product'].create({
        'name': 'Big graph %s' % name, 'type': 'product', 'tracking': 'lot',
        'uom_id': uom.id, 'uom_po_id': uom.id})
        for name in ('flour', 'dough', 'bread', 'sandwich')]
    start = Lot.create({'name': 'BIG0-0001', 'product_id': products[0].id})
    level, number = [start], 0
    for depth, fanout in enumerate(BIG_FANOUT, start=1):
        below = []
        for parent in level:
            for _i in range(fanout):
                number += 1
                lot = Lot.create({'name': 'BIG%d-%04d' % (depth, number),
                                  'product_id': products[depth].id})
                Edge.create({
                    'finished_lot_id': lot.id, 'component_lot_id': parent.id,
                    'finished_product_id': products[depth].id,
                    'component_product_id': products[depth - 1].id,
                    'qty': 2.0, 'uom_id': uom.id, 'finished_qty': 10.0,
                    'finished_uom_id': uom.id, 'date': '2026-01-05 08:00:00',
                    'company_id': env.user.company_id.id})
                below.append(lot)
        level = below
    return start, level[len(level) // 2 + 3]


@pytest.mark.usefixtures('odoo_server')
def test_graph_of_521_lots_collapses_expands_searches_and_opens(browser, odoo_server):
    from harness import settings
    with registry_env(odoo_server.db) as env:
        start, deep = build_big_genealogy(env)
        start_id, deep_id, deep_name = start.id, deep.id, deep.name
        action_id = env.ref('stock.action_production_lot_form').id
    total = 1 + 8 + 64 + 448
    outside = (  # drawn nodes not inside the canvas (the view is fitted to them)
        "var box = document.querySelector('.o_lot_graph_canvas').getBoundingClientRect();"
        "var dots = document.querySelectorAll('g.o_lot_graph_node circle'), out = 0;"
        "for (var i = 0; i < dots.length; i++) { var r = dots[i].getBoundingClientRect();"
        "  if (r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 ||"
        "      r.right > box.right + 1) { out++; } }"
        "return dots.length ? out : -1;")
    shown_at_first = 1 + 8 + 64           # start lot and two levels below it
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    wait = WebDriverWait(browser, 120)
    browser.set_window_size(1400, 900)
    login(browser, odoo_server)
    open_page(browser, '%s/web#id=%d&model=stock.production.lot&view_type=form&action=%d'
              % (odoo_server.url, start_id, action_id))
    button = wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//button[contains(@class, "oe_stat_button")][contains(., "Genealogy graph")]')))

    def drawn():
        return browser.find_elements(By.CSS_SELECTOR, 'g.o_lot_graph_node')

    began = time.time()
    button.click()
    wait.until(lambda d: len(drawn()) == shown_at_first)
    first_draw = time.time() - began
    count = browser.find_element(By.CSS_SELECTOR, '.o_lot_graph_count').text
    assert '%d lots, %d nodes; %d shown' % (total, total, shown_at_first) == count, count
    hidden = [e for e in drawn() if e.get_attribute('data-hidden') == '1']
    assert len(hidden) == 64                 # each bread lot hides its 7 sandwich lots
    assert not browser.find_elements(By.CSS_SELECTOR, 'g.o_lot_graph_node[data-name="%s"]'
                                     % deep_name)
    # the first view stays readable (11 px text at least): Fit shows every node
    assert browser.execute_script(GRAPH_LOOK)['smallest'] >= 10.99
    browser.find_element(By.CSS_SELECTOR, '.o_lot_graph_fit').click()
    wait.until(lambda d: d.execute_script(outside) == 0)     # fitted to the window
    toolbar = browser.find_element(By.CSS_SELECTOR, '.o_lot_graph_toolbar').rect
    canvas = browser.find_element(By.CSS_SELECTOR, '.o_lot_graph_canvas').rect
    assert toolbar['y'] + toolbar['height'] <= canvas['y'] + 1   # the legend never overlaps it
    browser.save_screenshot(os.path.join(folder, 'genealogy_graph_521_collapsed.png'))

    began = time.time()
    browser.find_element(By.CSS_SELECTOR, '.o_lot_graph_expand').click()
    wait.until(lambda d: len(drawn()) == total)
    expand_all = time.time() - began
    wait.until(lambda d: d.execute_script(outside) == 0)     # Fit shows all of them
    browser.save_screenshot(os.path.join(folder, 'genealogy_graph_521_expanded.png'))
    browser.find_element(By.CSS_SELECTOR, '.o_lot_graph_collapse').click()
    wait.until(lambda d: len(drawn()) == shown_at_first)

    # the search box finds a lot three levels down and opens the path to it
    began = time.time()
    browser.find_element(By.CSS_SELECTOR, '.o_lot_graph_search').send_keys(deep_name)
    found = wait.until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, 'g.o_lot_graph_node[data-name="%s"] rect' % deep_name)))
    search = time.time() - began
    assert len(drawn()) == shown_at_first + BIG_FANOUT[2]   # its parent opened
    browser.save_screenshot(os.path.join(folder, 'genealogy_graph_521_search.png'))
    # the measured times are this test's report (pytest -s, or its output on failure)
    # pylint: disable-next=print-used
    print('\ngenealogy graph, %d nodes: first draw %.1f s (click to drawn), expand all '
          '%.1f s, search %.1f s; load average %s'
          % (total, first_draw, expand_all, search, os.getloadavg()))
    assert first_draw < 30 and expand_all < 15 and search < 15
    label = wait.until(EC.element_to_be_clickable(
        (By.CSS_SELECTOR, 'g.o_lot_graph_node[data-name="%s"] text.o_lot_graph_label'
         % deep_name)))
    label.click()
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_form_view .oe_title'), deep_name))
    assert ('id=%d' % deep_id) in browser.current_url
    assert found is not None


# where each label of the first view lies: wholly inside the canvas, wholly
# outside (reached by dragging) or cut by its edge
LABELS_IN_VIEW = """
var canvas = document.querySelector('.o_lot_graph_canvas').getBoundingClientRect();
var out = {inside: [], outside: [], cut: [], tips: {}};
document.querySelectorAll('g.o_lot_graph_node').forEach(function (node) {
    var name = node.getAttribute('data-name');
    out.tips[name] = node.querySelector('title').textContent;
    var r = node.querySelector('text.o_lot_graph_label').getBoundingClientRect();
    if (r.left >= canvas.left && r.right <= canvas.right && r.top >= canvas.top &&
            r.bottom <= canvas.bottom) {
        out.inside.push(name);
    } else if (r.right <= canvas.left || r.left >= canvas.right || r.bottom <= canvas.top ||
               r.top >= canvas.bottom) {
        out.outside.push(name);
    } else {
        out.cut.push(name);
    }
});
return out;
"""


def build_wide_lot(env, count=8):
    """A blend lot made of COUNT hazelnut lots, each bought from another
    vendor, delivered to COUNT customers; vendor and customer names long."""
    from genealogy_factory import GenealogyFactory
    factory = GenealogyFactory(env)
    nuts = factory.product('Wide graph roasted hazelnuts')
    blend = factory.product('Wide graph hazelnut blend')
    factory.bom(blend, [(nuts, count)])
    vendors, customers, inputs = [], [], []
    for i in range(1, count + 1):
        vendor = factory.partner('Anatolian Hazelnut Growers Cooperative of Giresun No. %d' % i)
        lot = factory.lot(nuts, 'WHZ-%04d' % i)
        factory.receive(lot, 1.0, vendor)
        vendors.append(vendor.name)
        inputs.append((lot, 1.0))
    _order, lot = factory.produce(blend, inputs, qty=float(count),
                                  lot=factory.lot(blend, 'WBL-0001'))
    for i in range(1, count + 1):
        customer = factory.partner('Northern Europe Supermarket Distribution Centre %d' % i)
        factory.deliver(lot, 1.0, customer)
        customers.append(customer.name)
    return lot, vendors, customers


@pytest.mark.usefixtures('odoo_server')
def test_graph_of_a_wide_lot_shows_every_name_whole(browser, odoo_server):
    """A lot from 8 vendors to 8 customers: at the first view every label is
    whole in the canvas and readable, a long name is shortened with the full
    name in its tooltip. In a window too narrow for all of it, the columns
    shown are whole, the start lot among them."""
    from harness import settings
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    with registry_env(odoo_server.db) as env:
        lot, vendors, customers = build_wide_lot(env)
        lot_id = lot.id
    browser.set_window_size(1366, 768)
    login(browser, odoo_server)
    open_graph_of(browser, odoo_server, lot_id)
    shown = graph_names(browser)
    browser.save_screenshot(os.path.join(folder, 'genealogy_graph_wide_lot.png'))
    assert {('vendor', name) for name in vendors} <= shown, shown
    assert {('customer', name) for name in customers} <= shown, shown
    look = browser.execute_script(GRAPH_LOOK)
    assert_readable(look)
    labels = browser.execute_script(LABELS_IN_VIEW)
    assert not labels['cut'] and not labels['outside'], labels
    assert len(labels['inside']) == 1 + 8 + 8 + 8, labels
    # the long names are shortened on the canvas (their start and their end, so
    # that each is told apart), whole in the tooltip
    texts = set()
    for name in vendors + customers:
        assert labels['tips'][name] == name
        text = browser.find_element(
            By.CSS_SELECTOR, 'g.o_lot_graph_node[data-name="%s"] text.o_lot_graph_label tspan'
            % name).text
        head, tail = text.split(' … ')
        assert name.startswith(head) and name.endswith(tail) and len(text) < 40, (text, name)
        texts.add(text)
    assert len(texts) == len(vendors + customers), texts

    # a narrow window: whole columns around the blend lot, none cut
    browser.set_window_size(800, 768)
    open_graph_of(browser, odoo_server, lot_id)
    browser.save_screenshot(os.path.join(folder, 'genealogy_graph_wide_lot_800.png'))
    labels = browser.execute_script(LABELS_IN_VIEW)
    assert not labels['cut'], labels
    assert 'WBL-0001' in labels['inside'] and labels['outside'], labels
    assert browser.execute_script(GRAPH_LOOK)['smallest'] >= 10.99
