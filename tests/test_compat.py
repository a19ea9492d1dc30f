# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each patch of harness.compat, checked by what breaks without it."""
import ast
import base64
import collections
import inspect
import os
import threading

import yaml

from odoo.tests.common import TransactionCase
from odoo.tools.safe_eval import const_eval, safe_eval

from harness import compat


def test_every_patch_is_listed_and_applied():
    assert compat.PATCHES == [
        'patch_collections_abc', 'patch_inspect_argspec', 'patch_base64_legacy',
        'patch_yaml_load', 'patch_thread_isalive',
        'patch_safe_eval', 'patch_qweb', 'patch_web_controllers', 'patch_server_rlimits']
    import sys
    for name in ('odoo.tools.safe_eval', 'odoo.addons.base.ir.ir_qweb.qweb',
                 'odoo.addons.web.controllers.main', 'odoo.service.server'):
        __import__(name)
        assert sys.modules[name]._lot_compat is True


def test_collections_abc_aliases():
    from collections.abc import Iterable, Mapping, MutableSet
    assert collections.Mapping is Mapping
    assert collections.Iterable is Iterable
    assert collections.MutableSet is MutableSet


def test_getargspec_has_the_old_four_field_shape():
    def method(self, a, b=2, *args, **kwargs):
        pass
    spec = inspect.getargspec(method)
    assert spec == (['self', 'a', 'b'], 'args', 'kwargs', (2,))
    assert spec.keywords == 'kwargs'
    assert inspect.formatargspec(*spec) == '(self, a, b=2, *args, **kwargs)'


def test_formatargspec_feeds_odoo_ormcache_keys():
    from odoo.tools.cache import ormcache

    def lookup(self, key, flag=None):
        return key

    decorator = ormcache('key', 'flag')
    decorator.method = lookup
    decorator.determine_key()
    assert decorator.key(None, 'k') == ('k', None)
    assert decorator.key(None, 'k', flag='f') == ('k', 'f')


def test_base64_legacy_names():
    assert base64.encodestring(b'lot') == b'bG90\n'
    assert base64.decodestring(b'bG90\n') == b'lot'


def test_yaml_load_without_loader():
    assert yaml.load('lot: [A1, 2]') == {'lot': ['A1', 2]}


def test_thread_isalive():
    thread = threading.Thread(target=lambda: None)
    assert thread.isAlive() is False


def test_safe_eval_with_calls_and_comprehensions():
    assert safe_eval('max([len(x) for x in names if x])', {'names': ['ab', '', 'c']}) == 2
    assert safe_eval('dict(a=1).get("a", 0) + sum(x for x in (1, 2))') == 4
    assert safe_eval('[("id", "in", ids or [])]', {'ids': None}) == [('id', 'in', [])]


def test_safe_eval_still_refuses_imports_and_attribute_stores():
    import pytest
    with pytest.raises(NameError):
        safe_eval('__import__("os")')
    with pytest.raises(ValueError):
        safe_eval('import os', mode='exec')
    with pytest.raises(ValueError):
        safe_eval('x.y = 1', {'x': object()}, mode='exec')


def test_const_eval_of_literals():
    assert const_eval('[1, (2, 3), {"a": [4]}, {5}]') == [1, (2, 3), {'a': [4]}, {5}]


def test_qweb_ast_fixer_turns_names_into_constants():
    tree = ast.Module(body=[ast.Expr(value=ast.Name(id='None', ctx=ast.Load()))])
    code = compat.qweb_compile(tree, '<test>', 'exec')
    assert code.co_consts[0] is None


class TestQWeb(TransactionCase):

    def test_qweb_template_with_conditions_loops_and_xrange_renders(self):
        view = self.env['ir.ui.view'].create({
            'name': 'lot_compat_probe', 'type': 'qweb',
            'arch': '''<t t-name="lot_compat_probe"><ul>
                <t t-foreach="lots" t-as="lot"><li t-if="lot != 'skip'" t-esc="lot"/></t>
                <t t-foreach="xrange(2)" t-as="i"><b t-esc="i"/></t>
                <i t-if="not lots">none</i></ul></t>''',
        })
        html = self.env['ir.qweb'].render(view.id, {'lots': ['L1', 'skip', 'L2']})
        html = html.decode() if isinstance(html, bytes) else html
        assert '<li>L1</li>' in html and '<li>L2</li>' in html
        assert 'skip' not in html and 'none' not in html
        assert '<b>0</b>' in html and '<b>1</b>' in html

    def test_report_template_of_stock_renders(self):
        lot = self.env['stock.production.lot'].create({
            'name': 'COMPAT-1', 'product_id': self.env.ref('product.product_product_27').id})
        report = self.env.ref('stock.action_report_lot_barcode')
        html = report.render_qweb_html(lot.ids)[0]
        html = html.decode() if isinstance(html, bytes) else html
        assert 'COMPAT-1' in html


def test_web_client_templates_concatenate(tmp_path):
    from odoo.addons.web.controllers.main import concat_xml
    first = tmp_path / 'a.xml'
    second = tmp_path / 'b.xml'
    first.write_text('<templates><t t-name="A"/></templates>')
    second.write_text('<templates><t t-name="B"/><t t-name="C"/></templates>')
    content, checksum = concat_xml([str(first), str(second)])
    assert content.count(b't-name=') == 3
    assert len(checksum) == 40


WORKER_LIMITS = """
import os, resource
import odoo.service.server as server
try:
    resource.setrlimit(resource.RLIMIT_CPU, (10.0 ** 6, resource.RLIM_INFINITY))
    plain = 'accepted'
except TypeError:
    plain = 'refused'

class Multi(object):
    timeout = 10
    limit_request = 5

    def pipe_new(self):
        return os.pipe()

server.Worker(Multi()).process_limit()
soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
print(plain, soft, server.config['limit_time_cpu'])
"""


def test_prefork_worker_sets_its_cpu_limit():
    """Worker.process_limit() as every prefork worker runs it at start (in a
    child process: the limits it sets must not apply to the test run)."""
    import subprocess
    import sys
    out = subprocess.run([sys.executable, '-c', WORKER_LIMITS], check=True,
                         stdout=subprocess.PIPE, universal_newlines=True).stdout.split()
    plain, soft, limit = out[0], int(out[1]), int(out[2])
    assert plain == 'refused'           # what Odoo hits on 3.11 without the patch
    assert limit <= soft <= limit + 30  # rusage seconds + limit_time_cpu, as an int


def test_launcher_run_as_a_script_imports_the_real_odoo():
    """In multi-process mode Odoo runs ``sys.argv[0]`` (the launcher file) as a
    script for its longpolling process: that must reach Odoo's CLI."""
    import subprocess
    import sys

    from harness import settings
    launcher = os.path.join(settings.REPO, 'harness', 'odoo_bin.py')
    for cmd in ([sys.executable, launcher, '--version'],
                [sys.executable, '-m', 'harness.odoo_bin', '--version']):
        proc = subprocess.run(cmd, cwd='/', stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, env=settings.env())
        assert proc.returncode == 0, proc.stdout
        assert 'Odoo Server 11.0' in proc.stdout
