# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sphinx configuration of the lot_traceability documentation (``make docs``).

Offline: no intersphinx, no theme or extension from outside Sphinx itself.
The build also checks that the architecture map
(``development/architecture.rst``) names every Python module of the addon's
models, wizards, controllers and tools folders: a file added without its
line there is a warning, and ``make docs`` treats warnings as errors.
"""
import ast
import os
import re

from sphinx.util import logging

DOCS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(DOCS)
ADDON = os.path.join(REPO, 'lot_traceability')
MAPPED_FOLDERS = ('models', 'wizards', 'controllers', 'tools')
ARCHITECTURE = 'development/architecture'


def _manifest():
    with open(os.path.join(ADDON, '__manifest__.py'), encoding='utf-8') as handle:
        return ast.literal_eval(handle.read())


project = 'Lot Traceability'
author = 'lot_traceability contributors'
copyright = '2026, lot_traceability contributors'  # pylint: disable=redefined-builtin
release = _manifest()['version']
version = release

extensions = []
exclude_patterns = ['_build']
root_doc = 'index'
language = 'en'
today_fmt = '%Y-%m-%d'
html_theme = 'alabaster'   # bundled with Sphinx: nothing fetched
# wide reference tables (RPC surface, FSMA mapping) use the window's width
html_theme_options = {'description': 'Odoo 11 lot tracking', 'fixed_sidebar': False,
                      'page_width': '90%', 'body_max_width': 'none'}
html_title = 'Lot Traceability %s' % release
html_last_updated_fmt = None
html_show_sourcelink = False

_logger = logging.getLogger(__name__)


def unmapped_modules(text):
    """Module files of MAPPED_FOLDERS whose name TEXT does not mention (as a
    whole name: ``recall.py`` is not found in ``lot_recall.py``)."""
    missing = []
    for folder in MAPPED_FOLDERS:
        for name in sorted(os.listdir(os.path.join(ADDON, folder))):
            if (name.endswith('.py') and name != '__init__.py'
                    and not re.search(r'(?<!\w)%s' % re.escape(name), text)):
                missing.append('%s/%s' % (folder, name))
    return missing


def check_architecture_map(app, docname, source):
    """Warn (an error with -W) when a module file is missing from the map."""
    if docname != ARCHITECTURE:
        return
    for path in unmapped_modules(source[0]):
        _logger.warning('the architecture map does not mention lot_traceability/%s', path,
                        location=docname)


def setup(app):
    app.connect('source-read', check_architecture_map)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
