# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The window action that opens one record: the one home of that dict."""


def open_record_action(record, name=None, target='current', view_id=False):
    """The ``ir.actions.act_window`` dict opening RECORD (one record of any
    model) in a form view: VIEW_ID (an ``ir.ui.view`` id, False: the model's
    default form), TARGET 'current' (the main area) or 'new' (a dialog),
    NAME the window title (None: the client's default)."""
    action = {
        'type': 'ir.actions.act_window',
        'res_model': record._name,
        'res_id': record.id,
        'view_mode': 'form',
        'views': [(view_id or False, 'form')],
        'target': target,
    }
    if name:
        action['name'] = name
    return action
