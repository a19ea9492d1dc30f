# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.1.1.0: the recall notice names the products, sends the message to
customers instead of the internal reason, keeps returns apart and is written
in the customer's language. Its mail template is ``noupdate``: a database
upgraded from 11.0.1.0.0 gets the new text only where the template still holds
a text that version shipped (recall_notice_body.html here, and the first text
derived from it); a template an administrator edited is left as it is.

Recall result lines of that version have no ``customer_id`` (the customer of
a delivery or a customer return): filled in from the line's partner, as the
trace does (lot.recall._result_lines)."""
import logging
import os
import re

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.modules.module import get_module_resource

_logger = logging.getLogger(__name__)

TEMPLATE = 'lot_traceability.mail_template_lot_recall_customer'
CUSTOMER_KINDS = ('delivery', 'return')


def normalised(text):
    """TEXT without comments and with every run of white space as one space."""
    text = re.sub(r'<!--.*?-->', '', text or '', flags=re.S)
    return re.sub(r'\s+', ' ', text).strip()


def old_bodies():
    """The two bodies version 11.0.1.0.0 shipped, normalised: the last one,
    and the first one, which gave the quantity delivered where the last one
    gives each lot's details and the last delivery."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'recall_notice_body.html')
    with open(path) as handle:
        last = normalised(handle.read())
    first = re.sub(r'% for detail .*?(?=<li>Deliveries)',
                   '<li>Quantity delivered: ${object.qty}</li> ', last, flags=re.S)
    return [first, last]


def shipped_template():
    """The template's fields as data/lot_recall_data.xml holds them now (the
    values Odoo's XML loader writes: text fields as text, html as markup)."""
    path = get_module_resource('lot_traceability', 'data', 'lot_recall_data.xml')
    record = etree.parse(path).xpath(
        '//record[@id="mail_template_lot_recall_customer"]')[0]
    values = {}
    for field in record.iterfind('field'):
        if field.get('type') == 'html':
            values[field.get('name')] = ''.join(
                etree.tostring(node, encoding='unicode') for node in field)
        elif not field.get('ref') and not field.get('eval'):
            values[field.get('name')] = field.text or ''
    return values


def update_notice_template(env):
    """Give the recall notice template the shipped body and language where its
    body is still one 11.0.1.0.0 shipped. Returns True when it was changed."""
    template = env.ref(TEMPLATE, raise_if_not_found=False)
    if not template:
        return False
    template = template.with_context(lang=None)
    shipped = shipped_template()
    body = normalised(template.body_html)
    if body == normalised(shipped['body_html']):
        return False
    if body not in old_bodies():
        _logger.info('recall notice template edited here: left as it is')
        return False
    values = {'body_html': shipped['body_html']}
    if not template.lang:
        values['lang'] = shipped['lang']
    template.write(values)
    _logger.info('recall notice template: the text shipped with this version')
    return True


def fill_customers(cr):
    """Recall result lines of a delivery or a customer return name their
    customer. Returns the number of lines filled."""
    cr.execute("""
        UPDATE lot_recall_line
           SET customer_id = partner_id
         WHERE customer_id IS NULL AND partner_id IS NOT NULL AND kind IN %s
    """, (CUSTOMER_KINDS,))
    return cr.rowcount


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    update_notice_template(env)
    _logger.info('recall result lines given their customer: %d', fill_customers(cr))
