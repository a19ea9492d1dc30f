# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api


def post_init_hook(cr, registry):
    """Existing manufacturing history gets its lot genealogy on install."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env['lot.genealogy.edge'].rebuild_genealogy()
