# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Packages the lot_traceability addon the way OCA addons are packaged:
``pip install .`` puts it in ``odoo/addons/lot_traceability`` of an existing
Odoo 11.0 environment, version taken from ``__manifest__.py``, description
from the addon's README.rst (generated: ``python -m harness.gen_readme``)."""
import ast
import os

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
ADDON = 'lot_traceability'

with open(os.path.join(HERE, ADDON, '__manifest__.py')) as handle:
    MANIFEST = ast.literal_eval(handle.read())


def packages_and_data():
    packages, data = [], {}
    root = os.path.join(HERE, ADDON)
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != '__pycache__']
        rel = os.path.relpath(folder, root)
        package = 'odoo.addons.' + ADDON + ('' if rel == '.' else '.' + rel.replace(os.sep, '.'))
        if '__init__.py' in files:
            packages.append(package)
    data['odoo.addons.' + ADDON] = [
        os.path.relpath(os.path.join(folder, name), root)
        for folder, dirs, files in os.walk(root) if '__pycache__' not in folder
        for name in files if not name.endswith(('.py', '.pyc'))]
    return packages, data


PACKAGES, PACKAGE_DATA = packages_and_data()

setup(
    name='odoo11-addon-' + ADDON,
    version=MANIFEST['version'],
    description=MANIFEST['summary'],
    long_description=open(os.path.join(HERE, ADDON, 'README.rst')).read(),
    long_description_content_type='text/x-rst',
    license='LGPL-3',
    author=MANIFEST['author'],
    url=MANIFEST['website'],
    packages=PACKAGES,
    package_dir={'odoo.addons.' + ADDON: ADDON},
    package_data=PACKAGE_DATA,
    include_package_data=True,
    # Odoo 11.0 runs here on Python 3.11 (harness/compat.py); the pinned biip
    # (requirements.txt) needs 3.11
    python_requires='>=3.11',
    # the manifest's external_dependencies, by their PyPI names (pinned
    # versions: requirements.txt); Odoo 11.0 itself is not required here
    install_requires=['biip', 'zint-bindings', 'xlsxwriter', 'epcis-event-hash-generator',
                      'PyLD', 'cachetools', 'frozendict'],
    classifiers=[
        'Programming Language :: Python',
        'Programming Language :: Python :: 3',
        'Programming Language :: Python :: 3 :: Only',
        'Framework :: Odoo',
        'Framework :: Odoo :: 11.0',
        'License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)',
    ],
    zip_safe=False,
)
