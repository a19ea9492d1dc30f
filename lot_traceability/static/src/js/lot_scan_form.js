/* Copyright 2026 lot_traceability contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
odoo.define('lot_traceability.scan_form', function (require) {
"use strict";
/**
 * Transfers and manufacturing orders record a scan on the server at once
 * (lot.scan.mixin): accept scans in read mode too, show the saved lines, and
 * confirm an accepted scan with a notification (refusals come as a dialog).
 *
 * A lot that is not the planned one: a dialog offers "Use this lot anyway",
 * which asks for a reason and sends the scan again with it to the scan
 * endpoint (the override path: rights checked on the server, reason required,
 * recorded in the lot override log), or Cancel (nothing recorded).
 * Every text coming from the server is escaped.
 */
var core = require('web.core');
var Dialog = require('web.Dialog');
var FormController = require('web.FormController');

var _t = core._t;
var SCAN_MODELS = ['stock.picking', 'mrp.production'];

FormController.include({
    _barcodeAddX2MQuantity: function (barcode, activeBarcode) {
        if (SCAN_MODELS.indexOf(this.modelName) < 0 || activeBarcode.name !== '_barcode_scanned') {
            return this._super.apply(this, arguments);
        }
        var self = this;
        var record = this.model.get(this.handle);
        var unsaved = this.model.isDirty(this.handle);
        return this._barcodeWithoutCandidate(record, barcode, activeBarcode).then(function () {
            var data = self.model.get(self.handle).data;
            var message = data.lot_scan_message;
            var override = data.lot_scan_override_barcode;
            var reloaded = !unsaved && record.res_id ? self.reload() : $.when();
            return reloaded.then(function () {
                if (override && record.res_id) {
                    self._lotScanOfferOverride(record.res_id, override, message);
                } else if (message) {
                    // do_notify renders its text with t-raw: the message
                    // carries lot and product names (GS1 AI 10 allows < >)
                    self.do_notify(_t('Scanned'), _.escape(message));
                }
            });
        });
    },

    /**
     * The scanned lot is not the planned one: use it anyway (with a reason)
     * or cancel.
     */
    _lotScanOfferOverride: function (resId, barcode, message) {
        var self = this;
        var $content = $('<div class="o_lot_scan_override"/>');
        $('<p class="o_lot_scan_override_message"/>').text(message || '').appendTo($content);
        var $label = $('<label for="o_lot_scan_override_reason"/>')
            .text(_t('Reason for using this lot')).appendTo($content);
        var $reason = $('<textarea id="o_lot_scan_override_reason" rows="3" ' +
                        'class="form-control o_lot_scan_override_reason"/>')
            .attr('placeholder', _t('e.g. the planned lot is not on the shelf'))
            .appendTo($content);
        var $error = $('<p class="text-danger o_lot_scan_override_error"/>').hide()
            .appendTo($content);
        var dialog = new Dialog(this, {
            title: _t('Not the planned lot'),
            size: 'medium',
            $content: $content,
            buttons: [{
                text: _t('Use this lot anyway'),
                classes: 'btn-primary o_lot_scan_override_confirm',
                click: function () {
                    var reason = ($reason.val() || '').trim();
                    if (!reason) {
                        $error.text(_t('Give a reason for the lot change.')).show();
                        $reason.focus();
                        return;
                    }
                    var $buttons = dialog.$footer.find('button').prop('disabled', true);
                    self._rpc({
                        route: '/lot_traceability/scan',
                        params: {model: self.modelName, res_id: resId,
                                 barcode: barcode, reason: reason},
                    }).then(function (answer) {
                        dialog.close();
                        return self.reload().then(function () {
                            if (answer.status === 'error') {
                                Dialog.alert(self, answer.message, {title: _t('Scan refused')});
                            } else {
                                self.do_notify(_t('Lot changed'), _.escape(answer.message));
                            }
                        });
                    }).fail(function () {
                        $buttons.prop('disabled', false);
                    });
                },
            }, {
                text: _t('Cancel'),
                classes: 'o_lot_scan_override_cancel',
                close: true,
            }],
        });
        dialog.opened().then(function () { $reason.focus(); });
        dialog.open();
        return dialog;
    },
});

});
