# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo story in Chromium (1400x900): NutCo's vendor form counts the
hazelnut lot rejected for a short shelf life; the root cause of GRN-0001
shows that the honey was released by quality, by whom and with which note."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import registry_env
from test_browser import login
from test_recall_workspace_browser import open_form, shot


def stat_button(browser, label):
    return browser.find_element(
        By.XPATH, '//button[contains(@class, "oe_stat_button")][.//span[normalize-space()="%s"]]'
        % label)


def test_vendor_rejections_and_root_cause_release_decisions(browser, odoo_server):
    with registry_env(odoo_server.db) as env:
        nutco = env.ref('lot_traceability.demo_vendor_nutco')
        nutco_id = nutco.id
        expected = (nutco.supplier_rejected_lot_count, nutco.supplier_shelf_life_refusal_count)
        grn_id = env.ref('lot_traceability.demo_lot_grn_0001').id
        honey = env.ref('lot_traceability.demo_lot_hny_0001')
        honey_decision = honey.release_decision_ids[:1]
        decision, decided_by = honey_decision.decision, honey_decision.user_id.name
    # the demo's HZN-0003 came with too little shelf life and was rejected
    assert expected == (1, 1)
    assert decision == 'release' and decided_by
    wait = WebDriverWait(browser, 120)
    browser.set_window_size(1400, 900)
    login(browser, odoo_server)
    open_form(browser, odoo_server, 'res.partner', nutco_id, 'base.action_partner_supplier_form')
    wait.until(EC.visibility_of_element_located(
        (By.XPATH, '//span[normalize-space()="Lots rejected"]')))
    rejected = stat_button(browser, 'Lots rejected')
    short = stat_button(browser, 'Short life')
    assert rejected.is_displayed() and short.is_displayed()
    assert rejected.find_element(By.CSS_SELECTOR, '.o_stat_value').text == '1'
    assert short.find_element(By.CSS_SELECTOR, '.o_stat_value').text == '1'
    shot(browser, 'vendor_nutco_quality_buttons.png')
    short.click()
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, '.o_control_panel .o_searchview'), 'Short shelf life at receipt'))

    open_form(browser, odoo_server, 'stock.production.lot', grn_id,
              'stock.action_production_lot_form')
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//button[contains(., "Root cause")]'))).click()
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, '//a[contains(., "Quality of components")]'))).click()
    components = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, '.o_field_one2many[name="component_quality_ids"]')))
    wait.until(lambda d: 'HNY-0001' in components.text)
    honey_row = components.find_element(By.XPATH, './/tr[contains(., "HNY-0001")]').text
    assert 'Released' in honey_row
    assert decided_by in honey_row
    assert 'Certificate of analysis checked' in honey_row
    # every column fits in the form: the note, the last column, is on screen
    note = components.find_element(By.XPATH, './/tr[contains(., "HNY-0001")]/td[last()-1]')
    sheet = browser.find_element(By.CSS_SELECTOR, '.o_form_sheet')
    assert (note.location['x'] + note.size['width']
            <= sheet.location['x'] + sheet.size['width']), 'the decision note is cut off'
    shot(browser, 'root_cause_grn_0001_component_decisions.png')
