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
 *   shown as text: Odoo 11 renders notifications with t-raw, so escape); a
 *   message to read at leisure (params.sticky) is a dialog closed with Ok,
 *   never a notification left over the buttons of the form or of a dialog.
 * Both run params.next afterwards when given (e.g. an act_window_close: the
 * dialog closes, the form that asked reloads and shows what was recorded).
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
    if (params.sticky) {
        new Dialog(parent, {
            title: _.escape(params.title || ''), size: 'medium',  // shown with t-raw
            $content: $('<div class="o_lot_notice"/>').css('white-space', 'pre-line')
                .text(params.message || ''),
            buttons: [{text: _t('Ok'), classes: 'btn-primary', close: true}],
        }).open();
        return params.next;
    }
    var message = _.escape(params.message || '').replace(/\n/g, '<br/>');
    var title = _.escape(params.title || '');
    if (params.warning) {
        parent.do_warn(title, message);
    } else {
        parent.do_notify(title, message);
    }
    return params.next;
}

core.action_registry.add('lot_traceability.download', download);
core.action_registry.add('lot_traceability.notify', notify);

return {download: download, notify: notify};
});
