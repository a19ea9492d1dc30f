# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Chatter message bodies are HTML: what users typed (reasons, lot, product
and partner names) goes into them as text, never as markup.

Odoo's sanitizer keeps links and remote images (``<a href>``, ``<img
src=http://...>``), so a reason or a lot name could otherwise show a tracking
image or a link to every reader of the document."""
from odoo.tools import html_escape


def html_body(template, *values):
    """TEMPLATE (the addon's own, translated text with ``%s``/``%d``
    placeholders) filled with VALUES, each text value HTML-escaped (numbers
    are left as they are, for ``%d`` and ``%.2f``)."""
    return template % tuple(
        html_escape(value) if isinstance(value, str) else value for value in values)
