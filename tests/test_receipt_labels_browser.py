# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A receiving clerk who works in German (31.12.2026, 1.250,5) labels a receipt
in Chromium before validating it: Print Lot Labels before any lot says to use
Generate Lots first; after Generate Lots the Lots Received tab shows the
expected quantity, and the label prints the quantity the line will receive,
its days and numbers in the clerk's language."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import factories
from conftest import registry_env
from test_browser import login
from test_export_downloads_browser import export
from test_recall_http import click_visible_button
from test_recall_notice import german
from test_recall_workspace_browser import open_form, pdf_text_and_size, shot


def test_labels_printed_before_validation(browser, odoo_server):
    import odoo
    with registry_env(odoo_server.db) as env:
        env['ir.config_parameter'].set_param('report.url', odoo_server.url)
        german(env)
        env.ref('stock.picking_type_in').write({'use_create_lots': True})
        kg = env.ref('product.product_uom_kgm')
        product = env['product.product'].create({
            'name': 'Label flour', 'default_code': 'LBL-FLOUR', 'type': 'product',
            'tracking': 'lot', 'uom_id': kg.id, 'uom_po_id': kg.id,
            'life_time': 20, 'use_time': 15})
        receipt = factories.receipt(
            env, [(product, 1250.5, kg)],
            env.ref('lot_traceability.demo_vendor_harvest_mills'))
        receipt.action_assign()
        assert receipt.state == 'assigned'
        factories.user(
            env, 'Lagerist', 'label_clerk',
            ['stock.group_stock_user', 'stock.group_production_lot', 'base.group_user'],
            password='label_clerk', lang='de_DE', tz='Europe/Berlin', email='lager@example.com')
        receipt_id, product_id = receipt.id, product.id
        report_name = env.ref('lot_traceability.action_report_lot_label').report_name
    # the server, started earlier, cached the installed languages: tell it
    odoo.registry(odoo_server.db).signal_changes()

    wait = WebDriverWait(browser, 120)
    browser.set_window_size(1400, 900)
    browser.delete_all_cookies()
    login(browser, odoo_server, 'label_clerk', 'label_clerk')
    open_form(browser, odoo_server, 'stock.picking', receipt_id, 'stock.action_picking_tree_all')

    # no lot yet: a plain warning that points to Generate Lots
    click_visible_button(browser, 'Print Lot Labels')
    dialog = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))
    wait.until(lambda d: 'Generate Lots' in dialog.text)
    title = dialog.find_element(By.CSS_SELECTOR, '.modal-title').text
    assert title.strip() == 'No lots to print yet', title
    assert 'Traceback' not in dialog.text
    shot(browser, 'labels_print_before_generate.png')
    dialog.find_element(By.CSS_SELECTOR, '.modal-footer button').click()
    wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))

    # Generate Lots: the Lots Received tab shows what is expected, not 0
    click_visible_button(browser, 'Generate Lots')
    tab = wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//ul[contains(@class, "nav-tabs")]//a[contains(., "Lots Received")]')))
    tab.click()
    received = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_field_widget[name="received_lot_line_ids"]')))
    wait.until(lambda d: '1.250,500' in received.text)
    headers = [th.text for th in received.find_elements(By.CSS_SELECTOR, 'thead th')]
    assert 'Expected' in headers and 'Received' in headers, headers
    assert '0,000' not in received.text
    shot(browser, 'labels_lots_received_expected.png')
    with registry_env(odoo_server.db) as env:
        lot = env['stock.production.lot'].search([('product_id', '=', product_id)])
        assert len(lot) == 1 and not lot.received_qty
        lot_id, lot_name = lot.id, lot.name
        berlin = env.user.with_context(tz='Europe/Berlin')
        days = {name: odoo.fields.Datetime.context_timestamp(
            berlin, odoo.fields.Datetime.from_string(lot[name])).strftime('%d.%m.%Y')
            for name in ('use_date', 'life_date')}

    # the labels download and the form stays usable
    export(browser, 'Print Lot Labels')
    export(browser, 'Generate Lots')    # once the label PDF has arrived
    dialog = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))
    wait.until(lambda d: 'already has a lot' in dialog.text)
    assert dialog.find_element(By.CSS_SELECTOR, '.modal-title').text.strip() == \
        'Lots already generated'
    dialog.find_element(By.CSS_SELECTOR, '.modal-footer button').click()

    # the label as printed, as the clerk gets it
    http = odoo_server.session('label_clerk', 'label_clerk')
    answer = http.get('%s/report/pdf/%s/%d' % (odoo_server.url, report_name, lot_id),
                      timeout=300)
    assert answer.status_code == 200 and answer.content.startswith(b'%PDF')
    text, _size = pdf_text_and_size(answer.content, 'label_before_validation')
    flat = ' '.join(text.split())
    assert lot_name in flat and '[LBL-FLOUR] Label flour' in flat
    assert 'Quantity: 1.250,5 kg' in flat, flat
    assert 'Best before: %s' % days['use_date'] in flat, flat
    assert 'Expiry: %s' % days['life_date'] in flat, flat
