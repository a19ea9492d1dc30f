# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A quality manager in Chromium (1400x900) on the demo story: nothing left to
quarantine is a message closed with Ok, Notify customers shows the letters, the
trace and root cause screens have readable names in the breadcrumbs."""
import os

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import factories
from conftest import registry_env
from test_browser import login, open_page
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
    open_page(browser, url)


# what is drawn at the centre of ELEMENT is ELEMENT (or inside it): nothing
# (a notification, another dialog) lies over it, a click reaches it
CENTRE_FREE = """
function centreFree(element) {
    var r = element.getBoundingClientRect();
    var top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!top && (top === element || element.contains(top));
}
"""
AT_CENTRE = CENTRE_FREE + 'return centreFree(arguments[0]);'


def clickable(browser, element):
    return browser.execute_script(AT_CENTRE, element)


# the notifications on screen and, read in the same instant, whether each
# header button named in arguments[0] is free (what is drawn at its centre is
# the button): a notification shown for a few seconds is never read after it
# went (a stale element)
NOTIFICATIONS_AND_HEADER = CENTRE_FREE + """
function shown(node) { return node.offsetParent !== null; }
var notes = Array.prototype.filter.call(
    document.querySelectorAll('.o_notification'), shown).map(function (n) {
    return n.textContent.replace(/\\s+/g, ' ').trim(); });
var free = {};
arguments[0].forEach(function (name) {
    var button = Array.prototype.filter.call(
        document.querySelectorAll('.o_statusbar_buttons > button'), function (b) {
            return shown(b) && b.textContent.trim() === name; })[0];
    free[name] = button ? centreFree(button) : null;   // null: not drawn (yet)
});
return {notes: notes, free: free};
"""


def notifications_and_header(browser, names=()):
    """{'notes': texts of the notifications shown, 'free': {name: True when
    nothing covers that header button, None while it is not drawn}}."""
    return browser.execute_script(NOTIFICATIONS_AND_HEADER, list(names))


def header_drawn(names):
    """Wait condition: the notifications and header once the form has drawn
    every button of NAMES (it reloads after a dialog closes)."""
    def drawn(driver):
        seen = notifications_and_header(driver, names)
        return seen if None not in seen['free'].values() else False
    return drawn


def nothing_to_quarantine(browser):
    """The message that nothing is left to quarantine: a dialog closed with Ok."""
    locator = (By.XPATH, '//div[contains(@class, "modal-dialog")]'
                         '[.//h4[normalize-space()="Nothing to quarantine"]]')
    WebDriverWait(browser, 120).until(EC.visibility_of_element_located(locator))
    WebDriverWait(browser, 30).until(
        EC.text_to_be_present_in_element(locator, 'already quarantined'))
    return browser.find_element(*locator)


def test_no_notification_covers_the_buttons_of_the_recall_and_its_dialogs(browser, odoo_server):
    """A quality manager walks a recall of GRN-0001 (already quarantined by the
    return): Trace affected lots, Quarantine affected stock (nothing to do),
    Notify customers, the letters, Send. At each step the buttons to click
    next are not covered by a notification."""
    with registry_env(odoo_server.db) as env:
        lot = env.ref('lot_traceability.demo_lot_grn_0001')
        env['res.users'].create({
            'name': 'Recall quality manager', 'login': 'recall_qm', 'password': 'recall_qm',
            'email': 'recall.qm@example.com',
            'groups_id': [(6, 0, [env.ref(xmlid).id for xmlid in (
                'base.group_user', 'stock.group_stock_user',
                'lot_traceability.group_lot_quality_manager')])]})
        recall_id = env['lot.recall'].create({
            'reason': 'Rancid taste GRN-0001', 'direction': 'downstream',
            'lot_ids': [(6, 0, lot.ids)]}).id
    wait = WebDriverWait(browser, 120, ignored_exceptions=(StaleElementReferenceException,))
    browser.set_window_size(1366, 768)
    login(browser, odoo_server, 'recall_qm', 'recall_qm')
    open_form(browser, odoo_server, 'lot.recall', recall_id, 'lot_traceability.lot_recall_action')

    click_visible_button(browser, 'Trace affected lots')
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_field_one2many[name="customer_ids"]'), 'Corner Deli'))
    click_visible_button(browser, 'Quarantine affected stock')
    wait.until(EC.element_to_be_clickable(
        (By.CSS_SELECTOR, '.modal-footer .btn-primary'))).click()
    notice = nothing_to_quarantine(browser)
    shot(browser, 'recall_walk_nothing_to_quarantine.png')
    ok = notice.find_element(By.XPATH, './/button[normalize-space()="Ok"]')
    assert clickable(browser, ok)
    ok.click()
    wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))
    # no notification left over the header
    shown = wait.until(header_drawn(('Notify customers', 'Print PDF', 'Close')))
    assert shown == {'notes': [], 'free': {'Notify customers': True, 'Print PDF': True,
                                           'Close': True}}, shown
    shot(browser, 'recall_walk_header_free.png')

    # the letters: Send, Cancel and the dialog's close box free
    click_visible_button(browser, 'Notify customers')
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, '.modal-dialog'), 'Dear'))
    dialog = browser.find_element(By.CSS_SELECTOR, '.modal-dialog')
    shot(browser, 'recall_walk_notify_letters.png')
    for button in (dialog.find_element(By.XPATH, './/button[normalize-space()="Send"]'),
                   dialog.find_element(By.XPATH, './/button[normalize-space()="Cancel"]'),
                   dialog.find_element(By.CSS_SELECTOR, '.modal-header .close')):
        assert clickable(browser, button), button.get_attribute('outerHTML')
    dialog.find_element(By.XPATH, './/button[normalize-space()="Send"]').click()
    wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))
    # the confirmation leaves the header free while shown, and goes by itself
    header = header_drawn(('Print PDF', 'Close'))

    def sent_notice(driver):
        seen = header(driver)
        return seen if seen and seen['notes'] else False

    shown = wait.until(sent_notice)
    assert len(shown['notes']) == 1 and 'Recall notice sent to' in shown['notes'][0], shown
    assert shown['free'] == {'Print PDF': True, 'Close': True}, shown
    shot(browser, 'recall_walk_sent.png')
    wait.until(lambda d: not notifications_and_header(d)['notes'])
    with registry_env(odoo_server.db) as env:
        recall = env['lot.recall'].browse(recall_id)
        assert recall.customer_ids.filtered('email') and all(
            customer.message_ids for customer in recall.customer_ids.filtered('email'))


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
    notice = nothing_to_quarantine(browser)
    assert 'GRN-0001' in notice.text and 'already quarantined' in notice.text
    assert not browser.find_elements(By.CSS_SELECTOR, '.o_dialog_warning, .o_error_detail')
    shot(browser, 'recall_nothing_to_quarantine.png')
    notice.find_element(By.XPATH, './/button[normalize-space()="Ok"]').click()
    wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, '.modal-dialog')))
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
