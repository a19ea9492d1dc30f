/* Copyright 2026 lot_traceability contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
odoo.define('lot_traceability.recall_actions', function (require) {
"use strict";
/**
 * Client actions returned by recall buttons.
 *
 * lot_traceability.download: download a file the way Odoo's report
 *   downloads do (session.get_file: hidden iframe, the UI blocked until the
 *   file arrives), so the form that asked for it stays usable afterwards.
 * lot_traceability.notify: a normal notification (title and message are
 *   shown as text: Odoo 11 renders notifications with t-raw, so escape).
 * Both run params.next afterwards when given (e.g. an act_window_close: the
 * dialog closes, the form that asked reloads and shows what was recorded).
 *
 * A PlainUserError (tools/errors.py) is shown as a plain warning under its own
 * title (arguments: message, title), not under "Odoo Server Error".
 */
var core = require('web.core');
var crash_manager = require('web.crash_manager');
var Dialog = require('web.Dialog');
var framework = require('web.framework');
var session = require('web.session');

var _t = core._t;

function download(parent, action) {
    var params = action.params || {};
    framework.blockUI();
    session.get_file({
        url: params.url,
        data: params.data || {},
        complete: framework.unblockUI,
        error: crash_manager.rpc_error.bind(crash_manager),
    });
    return params.next;
}

function notify(parent, action) {
    var params = action.params || {};
    var message = _.escape(params.message || '').replace(/\n/g, '<br/>');
    var title = _.escape(params.title || '');
    if (params.warning) {
        parent.do_warn(title, message, params.sticky);
    } else {
        parent.do_notify(title, message, params.sticky);
    }
    return params.next;
}

var PlainUserErrorHandler = core.Class.extend({
    init: function (parent, error) {
        this.parent = parent;
        this.error = error;
    },
    display: function () {
        var args = this.error.data.arguments || [];
        new Dialog(this.parent, {
            size: 'medium',
            title: args[1] || _t('Warning'),
            $content: $('<p>').text(args[0] || this.error.data.message || ''),
            buttons: [{text: _t('Ok'), classes: 'btn-primary', close: true}],
        }).open();
    },
});

core.crash_registry.add('odoo.addons.lot_traceability.tools.errors.PlainUserError',
                        PlainUserErrorHandler);
core.action_registry.add('lot_traceability.download', download);
core.action_registry.add('lot_traceability.notify', notify);

return {download: download, notify: notify};
});
