# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A real Odoo HTTP server (child process, free port) answers as users expect."""
import re


def test_login_page_answers(odoo_server):
    import requests
    answer = requests.get(odoo_server.url + '/web/login', timeout=30)
    assert answer.status_code == 200
    assert 'name="login"' in answer.text


def test_admin_logs_in_and_backend_loads_with_compiled_css(odoo_server):
    http = odoo_server.session('admin', 'admin')
    page = http.get(odoo_server.url + '/web', timeout=120)
    assert page.status_code == 200
    assert 'odoo.define' in page.text or 'web.assets_backend' in page.text
    css_links = re.findall(r'href="(/web/content/[^"]*web\.assets_backend[^"]*\.css)"', page.text)
    assert css_links, 'no backend stylesheet bundle in /web'
    for link in css_links:
        css = http.get(odoo_server.url + link, timeout=120)
        assert css.status_code == 200
        assert 'Could not execute command' not in css.text
        assert 'lessc' not in css.text
    joined = ''.join(http.get(odoo_server.url + link, timeout=120).text for link in css_links)
    assert '.o_main_navbar' in joined or '.o_web_client' in joined


def test_web_client_templates_answer(odoo_server):
    http = odoo_server.session('admin', 'admin')
    answer = http.get(odoo_server.url + '/web/webclient/qweb?mods=web', timeout=60)
    assert answer.status_code == 200
    assert 't-name="ActionManager"' in answer.text


def test_wrong_password_is_refused(odoo_server):
    import pytest
    with pytest.raises(AssertionError):
        odoo_server.session('admin', 'not-the-password')
