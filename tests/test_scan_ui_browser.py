# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A warehouse worker (Inventory and Manufacturing user, not an administrator)
scans in Chromium: a delivery counted on the planned lot then overridden, a
manufacturing order's component lot overridden (with and without work
orders), OCA's scanner screen refusing a quarantined lot; the messages of an
empty reason and of a refusal. Screenshots in .state/screenshots/ui_*.png."""
import os
import re
import time

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import factories
from conftest import registry_env
from harness import settings
from test_browser import login
from test_scan_browser import open_form, scan_keys, wait_for
from test_scan_override import _delivery_with_shelf

WORKER = 'ui_scan_worker'
SHOTS = os.path.join(settings.STATE, 'screenshots')


def shot(browser, name):
    os.makedirs(SHOTS, exist_ok=True)
    browser.save_screenshot(os.path.join(SHOTS, 'ui_%s.png' % name))


@pytest.fixture(scope='module')
def worker(odoo_server):
    with registry_env(odoo_server.db) as env:
        if not env['res.users'].search([('login', '=', WORKER)]):
            factories.user(env, 'Floor Worker', WORKER, [
                'stock.group_stock_user', 'stock.group_production_lot', 'mrp.group_mrp_user',
                'base.group_user'], password=WORKER, email='floor_worker@example.com')
    return odoo_server.session(WORKER, WORKER)


def login_worker(browser, server):
    browser.get(server.url + '/web/session/logout')
    browser.set_window_size(1400, 1000)
    login(browser, server, WORKER, WORKER)


def modal(browser, css='.modal-dialog', timeout=30):
    """The last visible dialog matching CSS."""
    def visible():
        try:
            found = [element for element in browser.find_elements(By.CSS_SELECTOR, css)
                     if element.is_displayed()]
        except StaleElementReferenceException:   # the form re-rendered meanwhile
            return False
        return found and found[-1]
    return wait_for(visible, timeout)


def modal_title(dialog):
    return dialog.find_element(By.CSS_SELECTOR, '.modal-title').text.strip()


def close_modal(browser, dialog):
    count = len(browser.find_elements(By.CSS_SELECTOR, '.modal-dialog'))
    dialog.find_element(By.CSS_SELECTOR, '.modal-footer button').click()
    wait_for(lambda: len(browser.find_elements(By.CSS_SELECTOR, '.modal-dialog')) < count)


def override_in_dialog(browser, reason, name):
    """The "Not the planned lot" dialog: an empty reason is asked again in the
    dialog, then REASON is sent."""
    dialog = modal(browser, '.modal-dialog .o_lot_scan_override')
    dialog = browser.find_element(By.CSS_SELECTOR, '.modal-dialog')
    assert modal_title(dialog) == 'Not the planned lot'
    shot(browser, '%s_offer' % name)
    dialog.find_element(By.CSS_SELECTOR, '.o_lot_scan_override_confirm').click()
    error = WebDriverWait(browser, 10).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.modal-dialog .o_lot_scan_override_error')))
    assert error.text == 'Give a reason for the lot change.'
    shot(browser, '%s_empty_reason' % name)
    dialog.find_element(By.CSS_SELECTOR, '.o_lot_scan_override_reason').send_keys(reason)
    dialog.find_element(By.CSS_SELECTOR, '.o_lot_scan_override_confirm').click()
    WebDriverWait(browser, 30).until_not(EC.presence_of_element_located(
        (By.CSS_SELECTOR, '.modal-dialog .o_lot_scan_override')))


def notified(browser, text):
    """Wait for a notification saying TEXT (an earlier one may still show)."""
    def found():
        try:
            return any(text in element.text
                       for element in browser.find_elements(By.CSS_SELECTOR, '.o_notification'))
        except StaleElementReferenceException:
            return False
    return wait_for(found)


def visible_rows(browser):
    return [row.text for row in browser.find_elements(By.CSS_SELECTOR, '.o_form_view .o_data_row')
            if row.is_displayed()]


def open_tab(browser, label):
    for tab in browser.find_elements(By.CSS_SELECTOR, '.o_notebook .nav-tabs a'):
        if tab.text.strip() == label:
            tab.click()
            return
    raise AssertionError('no tab %s' % label)


def click_button(browser, text):
    """Click the visible button labelled TEXT (Odoo 11 renders form buttons
    without their method name); the last one when there are several (a dialog)."""
    def visible():
        try:
            return [element for element in browser.find_elements(By.CSS_SELECTOR, 'button')
                    if element.is_displayed() and element.text.strip() == text]
        except StaleElementReferenceException:
            return False
    wait_for(visible)[-1].click()


def test_delivery_scanned_three_times_then_overridden(browser, odoo_server, worker):
    """3 units counted on the planned lot, then a lot from a shelf under the
    stock with a reason: two lines, the reservation follows, validation
    leaves no negative quant."""
    with registry_env(odoo_server.db) as env:
        ids = _delivery_with_shelf(env, 'UI')
        env['stock.location'].browse(ids['shelf']).name = 'Shelf UI'
    http = worker

    def lines():
        rows = odoo_server.call(http, 'stock.move.line', 'search_read',
                                [('picking_id', '=', ids['picking'])],
                                ['lot_id', 'location_id', 'qty_done', 'product_uom_qty'])
        return sorted((row['lot_id'][0], row['location_id'][0], row['qty_done'],
                       row['product_uom_qty']) for row in rows)

    login_worker(browser, odoo_server)
    open_form(browser, odoo_server, 'stock.picking', ids['picking'])
    for count in (1.0, 2.0, 3.0):
        scan_keys(browser, 'OVR-A-UI')
        wait_for(lambda: lines() == [(ids['lot_a'], ids['stock'], count, 5.0)])
        time.sleep(0.5)   # the form reloads after each scan
    scan_keys(browser, 'OVR-B-UI')
    override_in_dialog(browser, 'Box of OVR-A-UI torn', 'delivery')
    wait_for(lambda: len(lines()) == 2)
    assert lines() == sorted([(ids['lot_a'], ids['stock'], 3.0, 4.0),
                              (ids['lot_b'], ids['shelf'], 1.0, 1.0)])
    notified(browser, 'OVR-B-UI recorded instead of the planned lot OVR-A-UI')

    # the move: 5 reserved (4 + 1), 4 done; no "not reserved" banner
    form = browser.find_element(By.CSS_SELECTOR, '.o_form_view')
    row = wait_for(lambda: [text for text in visible_rows(browser) if '4.000' in text])[0]
    # demand, reserved and done, then the lots column (lot: quantity @ location)
    assert row.split()[3:6] == ['5.000', '5.000', '4.000'], row
    assert 'OVR-A-UI: 3 Unit(s) @ Stock' in row and 'OVR-B-UI: 1 Unit(s) @ Shelf UI' in row, row
    assert not [element for element in form.find_elements(
        By.CSS_SELECTOR, '.alert-warning') if element.is_displayed()]
    picking = odoo_server.call(http, 'stock.picking', 'read', [ids['picking']],
                               ['lot_reservation_issue', 'state'])[0]
    assert picking == dict(picking, lot_reservation_issue=False, state='assigned')
    shot(browser, 'delivery_after_override')
    # the pick list: where each lot is taken from
    open_tab(browser, 'Pick List')
    pick_rows = wait_for(lambda: [text for text in visible_rows(browser) if 'OVR-' in text])
    assert len(pick_rows) == 2, pick_rows
    assert any('Shelf UI' in text and 'OVR-B-UI' in text for text in pick_rows), pick_rows
    assert any('OVR-A-UI' in text and 'Shelf' not in text for text in pick_rows), pick_rows
    shot(browser, 'delivery_pick_list')

    # validation without a backorder: the customer gets 3 of A and 1 of B
    click_button(browser, 'Validate')
    dialog = modal(browser)
    assert 'backorder' in dialog.text.lower(), dialog.text
    shot(browser, 'delivery_backorder_question')
    click_button(browser, 'No Backorder')
    wait_for(lambda: odoo_server.call(http, 'stock.picking', 'read', [ids['picking']],
                                      ['state'])[0]['state'] == 'done')
    WebDriverWait(browser, 30).until_not(EC.presence_of_element_located(
        (By.CSS_SELECTOR, '.modal-dialog')))
    WebDriverWait(browser, 30).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_statusbar_status .btn-primary'), 'Done'))
    shot(browser, 'delivery_done')
    with registry_env(odoo_server.db) as env:
        quants = env['stock.quant'].search([('product_id', '=', ids['product'])])
        assert not [(q.location_id.name, q.quantity) for q in quants if q.quantity < 0]
        assert sorted((q.lot_id.id, q.location_id.id, q.quantity) for q in quants
                      if q.location_id.usage == 'internal') == sorted([
                          (ids['lot_a'], ids['stock'], 7.0), (ids['lot_b'], ids['shelf'], 4.0)])
        done = env['stock.move.line'].search([('picking_id', '=', ids['picking'])])
        assert sorted((line.lot_id.id, line.location_id.id, line.qty_done) for line in done) \
            == sorted([(ids['lot_a'], ids['stock'], 3.0), (ids['lot_b'], ids['shelf'], 1.0)])
        log = env['lot.override.log'].search([('actual_lot_id', '=', ids['lot_b'])])
        assert (len(log), log.origin, log.reason, log.user_id.login) == (
            1, 'scan', 'Box of OVR-A-UI torn', WORKER)
        # the chatter note: the FEFO warning on a line of its own after the reason
        note = env['mail.message'].search([
            ('model', '=', 'stock.picking'), ('res_id', '=', ids['picking']),
            ('body', 'ilike', 'Box of OVR-A-UI torn')])
        assert len(note) == 1 and re.search(r'torn<br/?>Warning: Lot OVR-B-UI breaks FEFO',
                                            note.body), note.body


def _productions(env):
    """Flour lots (the planned one expires first) and two manufacturing
    orders of bread: one without work orders, one planned on a work centre."""
    stock = env.ref('stock.stock_location_stock')
    flour = factories.product(env, 'UI Flour')
    planned = factories.lot(env, flour, 'UI-FLOUR-1', life_date=factories.utc(20))
    other = factories.lot(env, flour, 'UI-FLOUR-2', life_date=factories.utc(50))
    factories.add_stock(env, flour, stock, 20, lot=planned)
    factories.add_stock(env, flour, stock, 20, lot=other)
    bread = factories.product(env, 'UI Bread', tracking='none')
    plain = factories.production(env, bread, 2, factories.bom(env, bread, [(flour, 2)]))
    plain.action_assign()
    workcenter = env['mrp.workcenter'].create({'name': 'UI Oven'})
    routing = env['mrp.routing'].create({'name': 'UI Baking', 'operation_ids': [(0, 0, {
        'name': 'Bake', 'workcenter_id': workcenter.id, 'time_cycle_manual': 10})]})
    staged = factories.production(env, bread, 2, factories.bom(
        env, bread, [(flour, 2)], routing_id=routing.id))
    staged.action_assign()
    staged.button_plan()
    assert plain.move_raw_ids.move_line_ids.lot_id == planned
    return {'plain': plain.id, 'staged': staged.id, 'planned': planned.id, 'other': other.id,
            'work_line': staged.workorder_ids[0].active_move_line_ids.id}


def test_production_scan_of_another_lot_asks_a_reason(browser, odoo_server, worker):
    with registry_env(odoo_server.db) as env:
        ids = _productions(env)
    http = worker

    def component_lines(production):
        rows = odoo_server.call(http, 'stock.move.line', 'search_read',
                                [('move_id.raw_material_production_id', '=', production)],
                                ['lot_id', 'qty_done', 'product_uom_qty', 'workorder_id'])
        return sorted((row['lot_id'] and row['lot_id'][0], row['qty_done'],
                       row['product_uom_qty']) for row in rows)

    def logs(production):
        return odoo_server.call(http, 'lot.override.log', 'search_read',
                                [('production_id', '=', production)],
                                ['planned_lot_id', 'actual_lot_id', 'origin', 'reason',
                                 'move_line_id'])

    login_worker(browser, odoo_server)
    # without work orders: the scanned lot gets a line of its own
    before = component_lines(ids['plain'])
    assert before == [(ids['planned'], 0.0, 4.0)]
    open_form(browser, odoo_server, 'mrp.production', ids['plain'])
    scan_keys(browser, 'UI-FLOUR-2')
    dialog = modal(browser, '.modal-dialog .o_lot_scan_override')
    assert 'UI-FLOUR-1' in dialog.text and 'UI-FLOUR-2' in dialog.text
    assert component_lines(ids['plain']) == before and not logs(ids['plain'])
    override_in_dialog(browser, 'UI-FLOUR-1 sacks are wet', 'production')
    wait_for(lambda: len(component_lines(ids['plain'])) == 2)
    assert component_lines(ids['plain']) == sorted([
        (ids['planned'], 0.0, 3.0), (ids['other'], 1.0, 1.0)])
    log = logs(ids['plain'])
    assert len(log) == 1
    assert (log[0]['planned_lot_id'][0], log[0]['actual_lot_id'][0], log[0]['origin'],
            log[0]['reason']) == (ids['planned'], ids['other'], 'scan', 'UI-FLOUR-1 sacks are wet')
    notified(browser, 'UI-FLOUR-2 recorded instead')
    shot(browser, 'production_after_override')

    # with a work order: the work order's pre-filled line takes the lot
    open_form(browser, odoo_server, 'mrp.production', ids['staged'])
    scan_keys(browser, 'UI-FLOUR-2')
    override_in_dialog(browser, 'UI-FLOUR-1 kept for the rye', 'workorder')
    line = wait_for(lambda: [row for row in odoo_server.call(
        http, 'stock.move.line', 'read', [ids['work_line']],
        ['lot_id', 'qty_done', 'planned_lot_id']) if row['lot_id']])[0]
    assert (line['lot_id'][0], line['qty_done'], line['planned_lot_id'][0]) == (
        ids['other'], 4.0, ids['planned'])
    log = logs(ids['staged'])
    assert len(log) == 1 and (log[0]['actual_lot_id'][0], log[0]['origin'],
                              log[0]['move_line_id'][0]) == (ids['other'], 'scan',
                                                             ids['work_line'])
    notified(browser, 'UI-FLOUR-2 recorded instead')
    shot(browser, 'workorder_after_override')


def test_oca_scanner_screen_refuses_a_quarantined_lot(browser, odoo_server, worker):
    with registry_env(odoo_server.db) as env:
        stock = env.ref('stock.stock_location_stock')
        cheese = factories.product(env, 'UI Cheese')
        good = factories.lot(env, cheese, 'UI-CHEESE-1', life_date=factories.utc(30))
        held = factories.lot(env, cheese, 'UI-CHEESE-2', life_date=factories.utc(60))
        factories.add_stock(env, cheese, stock, 10, lot=good)
        factories.add_stock(env, cheese, stock, 10, lot=held)
        delivery = factories.picking(env, env.ref('stock.picking_type_out'), stock,
                                     env.ref('stock.stock_location_customers'), [(cheese, 3)])
        delivery.action_assign()
        held.action_quarantine('Listeria swab positive')
        picking_id = delivery.id
    http = worker

    def state():
        rows = odoo_server.call(http, 'stock.move.line', 'search_read',
                                [('picking_id', '=', picking_id)], ['lot_id', 'qty_done'])
        logs = odoo_server.call(http, 'stock.barcodes.read.log', 'search_count',
                                [('picking_id', '=', picking_id)])
        return sorted((row['id'], row['lot_id'] and row['lot_id'][0], row['qty_done'])
                      for row in rows), logs

    before = state()
    login_worker(browser, odoo_server)
    open_form(browser, odoo_server, 'stock.picking', picking_id)
    wait_for(lambda: [button for button in browser.find_elements(
        By.CSS_SELECTOR, '.oe_button_box button') if 'Scan barco' in button.text])[0].click()
    WebDriverWait(browser, 60).until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, '.o_form_view div[name="_barcode_scanned"], '
                          '.o_form_view .o_field_widget[name="message_type"]')))
    time.sleep(1)
    scan_keys(browser, 'UI-CHEESE-2')
    alert = modal(browser, '.o_form_view .alert-danger')   # the one of the message shown
    assert 'quarantined' in alert.text and 'Listeria swab positive' in alert.text, alert.text
    assert 'UI-CHEESE-2' in alert.text
    assert 'read correctly' not in browser.find_element(By.CSS_SELECTOR, '.o_form_view').text
    shot(browser, 'oca_scanner_quarantined')
    assert state() == before


def test_refusal_and_missing_reason_messages(browser, odoo_server, worker):
    """A refusal on validation is titled "Lot refused" (not "Odoo Server
    Error"); a lot changed in Detailed Operations without a reason asks for
    the reason instead of offering to discard the changes."""
    with registry_env(odoo_server.db) as env:
        stock = env.ref('stock.stock_location_stock')
        honey = factories.product(env, 'UI Honey')
        first = factories.lot(env, honey, 'UI-HONEY-1', life_date=factories.utc(30))
        second = factories.lot(env, honey, 'UI-HONEY-2', life_date=factories.utc(60))
        factories.add_stock(env, honey, stock, 10, lot=first)
        factories.add_stock(env, honey, stock, 10, lot=second)
        customers = env.ref('stock.stock_location_customers')
        blocked = factories.picking(env, env.ref('stock.picking_type_out'), stock, customers,
                                    [(honey, 2)])
        blocked.action_assign()
        blocked.move_line_ids.qty_done = 2
        # quality holds the lot after it was counted
        first.action_quarantine('Glass found in a jar')
        ids = {'blocked': blocked.id, 'first': first.id, 'second': second.id}
    http = worker

    login_worker(browser, odoo_server)
    open_form(browser, odoo_server, 'stock.picking', ids['blocked'])
    click_button(browser, 'Validate')
    dialog = modal(browser)
    shot(browser, 'refusal_title')
    assert modal_title(dialog) == 'Lot refused', modal_title(dialog)
    assert 'Odoo Server Error' not in dialog.text
    assert 'UI-HONEY-1' in dialog.text and 'quarantined' in dialog.text, dialog.text
    close_modal(browser, dialog)
    assert odoo_server.call(http, 'stock.picking', 'read', [ids['blocked']],
                            ['state'])[0]['state'] == 'assigned'

    # Detailed Operations of a fresh delivery (the held lot is not planned)
    with registry_env(odoo_server.db) as env:
        env['stock.production.lot'].browse(ids['first']).action_release('Jar checked')
        delivery = factories.picking(env, env.ref('stock.picking_type_out'),
                                     env.ref('stock.stock_location_stock'),
                                     env.ref('stock.stock_location_customers'),
                                     [(env['stock.production.lot'].browse(ids['first']).product_id,
                                       2)])
        # as a sale's delivery: the move knows its operation type (the lot column)
        delivery.move_lines.write({'picking_type_id': delivery.picking_type_id.id})
        delivery.action_assign()
        line_id = delivery.move_line_ids.id
        assert delivery.move_line_ids.lot_id.id == ids['first']
        delivery_id = delivery.id

    def line_state():
        rows = odoo_server.call(http, 'stock.move.line', 'search_read',
                                [('picking_id', '=', delivery_id)], ['lot_id', 'qty_done'])
        return sorted((row['id'], row['lot_id'][0], row['qty_done']) for row in rows)

    before = line_state()
    assert before == [(line_id, ids['first'], 0.0)]
    open_form(browser, odoo_server, 'stock.picking', delivery_id)
    details = wait_for(lambda: [
        element for element in browser.find_elements(
            By.CSS_SELECTOR, '.o_field_one2many .o_data_row button.o_icon_button')
        if element.is_displayed()])
    details[0].click()
    popup = modal(browser, '.modal-dialog .o_form_view')
    popup = browser.find_elements(By.CSS_SELECTOR, '.modal-dialog')[-1]
    assert modal_title(popup) == 'Detailed Operations'
    cell = popup.find_element(By.CSS_SELECTOR, '.o_data_row td.o_data_cell')
    cell.click()
    lot_input = WebDriverWait(browser, 30).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.modal-dialog .o_data_row .o_field_widget[name="lot_id"] input')))
    lot_input.send_keys(Keys.CONTROL, 'a')
    lot_input.send_keys('UI-HONEY-2')
    choice = WebDriverWait(browser, 30).until(EC.visibility_of_element_located(
        (By.XPATH, '//ul[contains(@class, "ui-autocomplete")]//a[normalize-space()="UI-HONEY-2"]')))
    choice.click()
    # the onchange tells the worker why a reason is needed
    warning = modal(browser, '.modal-dialog .o_dialog_warning')
    warning = browser.find_elements(By.CSS_SELECTOR, '.modal-dialog')[-1]
    assert modal_title(warning) == 'Lot change', modal_title(warning)
    assert 'give a reason' in warning.text
    close_modal(browser, warning)
    popup = browser.find_elements(By.CSS_SELECTOR, '.modal-dialog')[-1]
    click_button(browser, 'Confirm')
    alert = modal(browser)
    time.sleep(1)    # one dialog, not one per save attempt
    assert len(browser.find_elements(By.CSS_SELECTOR, '.modal-dialog')) == 2
    shot(browser, 'detailed_operations_reason_required')
    assert modal_title(alert) == 'Reason required', modal_title(alert)
    assert 'UI-HONEY-2 replaces the planned lot UI-HONEY-1' in alert.text, alert.text
    assert 'discarded' not in alert.text
    close_modal(browser, alert)
    assert line_state() == before
    # the line is still being edited, the reason cell marked
    popup = browser.find_elements(By.CSS_SELECTOR, '.modal-dialog')[-1]
    reason = popup.find_element(
        By.CSS_SELECTOR, '.o_data_row .o_field_widget[name="lot_override_reason"]')
    assert 'o_field_invalid' in reason.get_attribute('class')
    assert 'UI-HONEY-2' in popup.find_element(
        By.CSS_SELECTOR, '.o_data_row .o_field_widget[name="lot_id"] input').get_attribute('value')
    reason.send_keys('Jars of UI-HONEY-1 sticky')
    shot(browser, 'detailed_operations_reason_given')
    click_button(browser, 'Confirm')
    WebDriverWait(browser, 30).until_not(EC.presence_of_element_located(
        (By.CSS_SELECTOR, '.modal-dialog')))
    rows = wait_for(lambda: [row for row in line_state() if row[1] == ids['second']])
    assert rows and line_state() == [(line_id, ids['second'], 0.0)]
    log = odoo_server.call(http, 'lot.override.log', 'search_read',
                           [('move_line_id', '=', line_id)], ['origin', 'reason'])
    assert [(row['origin'], row['reason']) for row in log] == [
        ('form', 'Jars of UI-HONEY-1 sticky')]


def test_scan_route_error_is_a_scan_refusal(browser, odoo_server, worker):
    """The transfer was deleted while the worker had it open: the scan route
    refuses (AccessError), the form says so under "Scan refused"."""
    with registry_env(odoo_server.db) as env:
        stock = env.ref('stock.stock_location_stock')
        jam = factories.product(env, 'UI Jam')
        factories.add_stock(env, jam, stock, 5, lot=factories.lot(env, jam, 'UI-JAM-1'))
        draft = factories.delivery(env, [], confirm=False)
        draft_id = draft.id
    login_worker(browser, odoo_server)
    open_form(browser, odoo_server, 'stock.picking', draft_id)
    with registry_env(odoo_server.db) as env:
        env['stock.picking'].browse(draft_id).unlink()
    scan_keys(browser, 'UI-JAM-1')
    dialog = modal(browser)
    shot(browser, 'scan_route_refusal')
    assert modal_title(dialog) == 'Scan refused', modal_title(dialog)
    assert 'does not exist' in dialog.text and 'Odoo Server Error' not in dialog.text
    assert len(browser.find_elements(By.CSS_SELECTOR, '.modal-dialog')) == 1
    close_modal(browser, dialog)
    with registry_env(odoo_server.db) as env:
        assert not env['stock.move.line'].search([('lot_id.name', '=', 'UI-JAM-1')])
