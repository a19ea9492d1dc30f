/* Copyright 2026 lot_traceability contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
odoo.define('lot_traceability.refusals', function (require) {
"use strict";
/**
 * Refusals of the lot rules in the user's words:
 * - the server's refusals and plain warnings (lot_traceability/exceptions.py)
 *   open a dialog with a plain title ("Lot refused", "Reason required", or
 *   the title a PlainUserError gives) instead of Odoo 11's "Odoo Server Error";
 * - a line of an editable list (a transfer's operations, Detailed Operations,
 *   consumed lots, the produce wizard) whose lot replaces the planned one
 *   without a reason stays in edition and the dialog asks for the reason,
 *   instead of offering to discard the changes.
 * Texts are shown as text (Dialog.alert).
 */
var core = require('web.core');
var Dialog = require('web.Dialog');
var relationalFields = require('web.relational_fields');

var _t = core._t;
var _lt = core._lt;

var REFUSAL_TITLES = {
    'odoo.addons.lot_traceability.exceptions.LotRefused': _lt('Lot refused'),
    'odoo.addons.lot_traceability.exceptions.LotReasonRequired': _lt('Reason required'),
    // its title comes with the error (arguments: message, title)
    'odoo.addons.lot_traceability.exceptions.PlainUserError': _lt('Warning'),
};

var RefusalHandler = Dialog.extend({
    init: function (parent, error) {
        this._super(parent);
        this.error = error;
    },
    display: function () {
        var data = this.error.data || {};
        var args = data.arguments || [];
        var message = args[0] || data.message || '';
        var title = args[1] || REFUSAL_TITLES[data.name] || _t('Warning');
        Dialog.alert(this, message, {title: String(title)});
    },
});

_.each(_.keys(REFUSAL_TITLES), function (name) {
    core.crash_registry.add(name, RefusalHandler);
});

relationalFields.FieldOne2Many.include({
    /**
     * A line whose reason for the lot change is missing is not discarded:
     * it stays in edition, the reason cell marked, and the user is told.
     *
     * @override
     */
    _saveLine: function (recordID) {
        var invalid = this.renderer.canBeSaved ? this.renderer.canBeSaved(recordID) : [];
        if (_.contains(invalid, 'lot_override_reason')) {
            var record = _.findWhere(this.value.data, {id: recordID});
            var data = record && record.data || {};
            var name = function (value) {
                return value && value.data && value.data.display_name || '';
            };
            var message;
            if (name(data.lot_id) && name(data.planned_lot_id)) {
                message = _.str.sprintf(
                    _t('Lot %s replaces the planned lot %s: give a reason for the change ' +
                       'in "Lot Change Reason", or choose the planned lot again.'),
                    name(data.lot_id), name(data.planned_lot_id));
            } else {
                message = _t('This lot differs from the planned lot: give a reason for the ' +
                             'change in "Lot Change Reason".');
            }
            // the same save may ask twice (row left, then form saved): one dialog
            if (!this._lotReasonDialog) {
                var self = this;
                this._lotReasonDialog = Dialog.alert(this, message, {title: _t('Reason required')});
                this._lotReasonDialog.on('closed', this, function () {
                    self._lotReasonDialog = null;
                    self.$('[name="lot_override_reason"]').filter(':visible').first().focus();
                });
            }
            return $.Deferred().reject();
        }
        return this._super.apply(this, arguments);
    },
});

return {RefusalHandler: RefusalHandler};
});
