# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A real headless Chromium logs in and finds Inventory ▸ Traceability."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def login(browser, server, login='admin', password='admin'):
    # one browser serves every test's servers on 127.0.0.1, and cookies ignore
    # the port: a session of another server would refuse the form's CSRF token
    browser.get(server.url + '/web/login')
    browser.delete_all_cookies()
    browser.get(server.url + '/web/login')
    browser.find_element(By.NAME, 'login').send_keys(login)
    browser.find_element(By.NAME, 'password').send_keys(password)
    browser.find_element(By.CSS_SELECTOR, 'form.oe_login_form button[type=submit]').click()
    WebDriverWait(browser, 120).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, '#oe_main_menu_navbar')))


def open_page(browser, url):
    """Load URL as a new page. After login the browser shows /web while the
    web client may still be opening its home action: a URL of /web that
    differs only after '#' would only change the hash, and the home action,
    once loaded, can push its own hash over it (the record never shows)."""
    browser.get('about:blank')
    browser.get(url)


def click_menu(browser, xmlid, timeout=60):
    """Click the menu entry with this xml id (top bar or left sub-menu)."""
    item = WebDriverWait(browser, timeout).until(EC.element_to_be_clickable(
        (By.CSS_SELECTOR, 'a[data-menu-xmlid="%s"]' % xmlid)))
    item.click()
    return item


def test_admin_sees_inventory_traceability_menu(browser, odoo_server):
    login(browser, odoo_server)
    click_menu(browser, 'stock.menu_stock_root')
    section = WebDriverWait(browser, 60).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR,
         '.o_sub_menu [data-menu-xmlid="lot_traceability.menu_lot_traceability_root"]')))
    assert section.text.strip() == 'Traceability'
    click_menu(browser, 'lot_traceability.stock_production_lot_menu')
    WebDriverWait(browser, 60).until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_control_panel .breadcrumb'), 'Lots/Serial Numbers'))
    WebDriverWait(browser, 60).until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, '.o_list_view, .o_view_nocontent, .oe_view_nocontent_create')))
