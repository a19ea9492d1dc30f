# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A quality manager in Chromium (1400x900) on the demo story: nothing left to
quarantine is a plain notification, Notify customers shows the letters, the
trace and root cause screens have readable names in the breadcrumbs."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import factories
from conftest import registry_env
from test_browser import login
from test_recall_http import click_visible_button


def shot(browser, name):
    from harness import settings
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    browser.save_screenshot(os.path.join(folder, name))


def open_form(browser, server, model, res_id, action=None):
    url = '%s/web#id=%d&model=%s&view_type=form' % (server.url, res_id, model)
    if action:
        with registry_env(server.db) as env:
            url += '&action=%d' % env.ref(action).id
    browser.get(url)


def test_recall_screens_of_the_demo_story(browser, odoo_server):
    with registry_env(odoo_server.db) as env:
        lot = env.ref('lot_traceability.demo_lot_hzn_0001')
        recall = factories.traced_recall(env, lot, 'NutCo reports HZN-0001', direction='downstream')
        recall_id = recall.id
        grn_id = env.ref('lot_traceability.demo_lot_grn_0001').id
    wait = WebDriverWait(browser, 120)
    browser.set_window_size(1400, 900)
    login(browser, odoo_server)
    open_form(browser, odoo_server, 'lot.recall', recall_id, 'lot_traceability.lot_recall_action')
    # open the customers' tab (the first one) explicitly
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//a[contains(., "Customers to contact")]'))).click()
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_field_one2many[name="customer_ids"]'), 'Corner Deli'))
    assert 'returned 10' in browser.find_element(
        By.CSS_SELECTOR, '.o_field_one2many[name="customer_ids"]').text
    click_visible_button(browser, 'Quarantine affected stock')
    wait.until(EC.element_to_be_clickable(
        (By.CSS_SELECTOR, '.modal-footer .btn-primary'))).click()
    notice = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.o_notification')))
    assert 'GRN-0001' in notice.text and 'already quarantined' in notice.text
    assert not browser.find_elements(By.CSS_SELECTOR, '.o_dialog_warning, .o_error_detail')
    shot(browser, 'recall_nothing_to_quarantine.png')
    browser.find_element(By.XPATH, '//a[contains(., "Containment")]').click()
    containment = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_field_many2many[name="affected_stock_lot_ids"]')))
    assert 'GRN-0001' in containment.text

    click_visible_button(browser, 'Notify customers')
    dialog = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))
    wait.until(lambda d: 'Dear' in dialog.text)
    text = dialog.text
    assert '${' not in text
    assert '<div' not in text and '<p>' not in text, 'the letter is shown rendered, not as HTML'
    assert '[AC-FG-GRN500] Crunchy Granola 500 g, lot GRN-0001: ' in text
    shot(browser, 'recall_notify_letters.png')
    dialog.find_element(By.XPATH, './/button[normalize-space()="Cancel"]').click()

    # readable names in the breadcrumbs
    open_form(browser, odoo_server, 'stock.production.lot', grn_id,
              'stock.action_production_lot_form')
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//button[contains(., "Full trace: where used")]'))).click()
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_control_panel .breadcrumb'), 'Trace of GRN-0001'))
    shot(browser, 'lot_trace_grn_0001.png')
    crumbs = browser.find_element(By.CSS_SELECTOR, '.o_control_panel .breadcrumb').text
    assert 'lot.trace' not in crumbs
    open_form(browser, odoo_server, 'stock.production.lot', grn_id,
              'stock.action_production_lot_form')
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//button[contains(., "Root cause")]'))).click()
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_control_panel .breadcrumb'), 'Root cause of GRN-0001'))
    crumbs = browser.find_element(By.CSS_SELECTOR, '.o_control_panel .breadcrumb').text
    assert 'lot.root.cause' not in crumbs
    # after a save / reload the name stays readable (display_name from name_get)
    browser.refresh()
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_control_panel .breadcrumb'), 'Root cause of GRN-0001'))
    shot(browser, 'root_cause_grn_0001.png')


def pdf_text_and_size(pdf, name):
    """(text, page size line of pdfinfo, PNG of page 1) of PDF, kept in .state/screenshots."""
    import subprocess

    from harness import settings
    folder = os.path.join(settings.STATE, 'screenshots')
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name + '.pdf')
    with open(path, 'wb') as handle:
        handle.write(pdf)
    info = subprocess.run(['pdfinfo', path], check=True, stdout=subprocess.PIPE,
                          universal_newlines=True).stdout
    size = [line for line in info.splitlines() if line.startswith('Page size:')][0]
    text = subprocess.run(['pdftotext', '-layout', path, '-'], check=True,
                          stdout=subprocess.PIPE, universal_newlines=True).stdout
    subprocess.run(['pdftoppm', '-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', path,
                    os.path.join(folder, name)], check=True)
    return text, size


def render_recall_pdf(server, http, report_name, recall_id, name):
    # the route the report action downloads from (web client: /report/download)
    answer = http.get('%s/report/pdf/%s/%d' % (server.url, report_name, recall_id), timeout=300)
    assert answer.status_code == 200, answer.text[:2000]
    assert answer.headers['Content-Type'] == 'application/pdf'
    return pdf_text_and_size(answer.content, name)


def test_recall_pdf_has_the_company_header_paper_and_the_users_times(odoo_server):
    """The PDF a quality manager in Brussels prints from a recall: the letterhead
    of the recall's company (external layout), that company's paper format (not
    the one of the company the user is working in), dates in the user's timezone.
    Demo data: YourCompany prints on US Letter (l10n_us), its branch "My Company,
    Chicago" on European A4."""
    import datetime

    import pytz

    import odoo
    with registry_env(odoo_server.db) as env:
        env['ir.config_parameter'].set_param('report.url', odoo_server.url)
        main = env.ref('base.main_company')
        branch = env.ref('stock.res_company_1')
        assert (main.paperformat_id.format, branch.paperformat_id.format) == ('Letter', 'A4')
        assert branch.parent_id == main
        user = factories.user(
            env, 'Brussels quality', 'pdf_quality',
            ['stock.group_stock_manager', 'stock.group_production_lot', 'base.group_user'],
            password='pdf_quality', tz='Europe/Brussels', lang='en_US',
            email='quality@example.com', company_id=main.id,
            company_ids=[(6, 0, (main | branch).ids)])
        lot = env.ref('lot_traceability.demo_lot_hzn_0001')
        recalls = {}
        for company in (branch, main):
            recall = env['lot.recall'].sudo(user).create({
                'reason': 'NutCo reports HZN-0001', 'direction': 'downstream',
                'company_id': company.id, 'lot_ids': [(6, 0, lot.ids)]})
            recall.action_compute()
            partner = company.partner_id
            recalls[company.paperformat_id.format] = (
                recall.id, recall.name, odoo.fields.Datetime.from_string(recall.date_open),
                [company.name, partner.street, partner.city])
        report_name = env.ref('lot_traceability.action_report_lot_recall').report_name
    http = odoo_server.session('pdf_quality', 'pdf_quality')
    fmt = '%m/%d/%Y %H:%M:%S'     # en_US: what t-field prints for a datetime
    for paper, (recall_id, recall_name, opened, header) in sorted(recalls.items()):
        text, size = render_recall_pdf(odoo_server, http, report_name, recall_id,
                                       'recall_pdf_%s' % paper)
        assert '(%s)' % paper.lower() in size.lower(), (paper, size)
        for part in header:
            assert part and part in text, (part, text[:1500])
        assert recall_name in text
        utc = pytz.utc.localize(opened)
        local = utc.astimezone(pytz.timezone('Europe/Brussels'))
        assert local.utcoffset() >= datetime.timedelta(hours=1)
        assert local.strftime(fmt) in text, (local.strftime(fmt), text[:3000])
        assert utc.strftime(fmt) not in text
