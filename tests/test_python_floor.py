# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The addon's code keeps Odoo 11's Python 3.5 floor
(docs/development/compatibility.rst): 3.5 grammar, and none of the 3.6+/3.7+
standard-library calls we know of."""
import ast
import glob
import os

import pytest

ADDON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                     'lot_traceability')
FILES = sorted(glob.glob(os.path.join(ADDON, '**', '*.py'), recursive=True))
# attributes that do not exist in Python 3.5 (date/datetime/str methods, modules)
NEWER_ATTRIBUTES = {'fromisoformat', 'removeprefix', 'removesuffix', 'isascii',
                    'fromisocalendar', 'breakpointhook', 'capture_output', 'choices'}
NEWER_MODULES = {'secrets', 'contextvars', 'dataclasses', 'zoneinfo', 'graphlib'}


@pytest.mark.parametrize('path', FILES, ids=[os.path.relpath(p, ADDON) for p in FILES])
def test_code_parses_as_python_3_5_and_uses_no_newer_api(path):
    source = open(path, encoding='utf-8').read()
    tree = ast.parse(source, filename=path, feature_version=(3, 5))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in NEWER_ATTRIBUTES:
            found.append('%d: .%s' % (node.lineno, node.attr))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module] if isinstance(node, ast.ImportFrom) else \
                [alias.name for alias in node.names]
            found += ['%d: import %s' % (node.lineno, n) for n in names
                      if n and n.split('.')[0] in NEWER_MODULES]
    assert not found, found


def test_the_check_rejects_newer_code():
    with pytest.raises(SyntaxError):
        ast.parse('name = f"{lot}"', feature_version=(3, 5))
    with pytest.raises(SyntaxError):
        ast.parse('qty: float = 1.0', feature_version=(3, 5))
