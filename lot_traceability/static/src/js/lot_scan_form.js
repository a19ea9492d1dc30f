/* Copyright 2026 lot_traceability contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
odoo.define('lot_traceability.scan_form', function (require) {
"use strict";
/**
 * Transfers and manufacturing orders record a scan on the server at once: on
 * a saved document the form sends the scan to the scan endpoint
 * (/lot_traceability/scan, the same answers as for handheld scanners),
 * accepts scans in read mode too, shows the saved lines, and confirms an
 * accepted scan with a notification (refusals come as a dialog). An unsaved
 * document goes through the barcodes module's onchange, which asks to save
 * first.
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
        if (!record.res_id) {
            return this._barcodeWithoutCandidate(record, barcode, activeBarcode);
        }
        var resId = record.res_id;
        // unsaved edits stay in the form: no reload over them
        var unsaved = this.model.isDirty(this.handle);
        return this._lotScan(resId, barcode).then(function (answer) {
            var reloaded = unsaved ? $.when() : self.reload();
            return reloaded.then(function () {
                self._lotScanShowAnswer(resId, barcode, answer);
            });
        }, function (error, event) {
            var message = self._lotScanErrorMessage(error, event);
            if (message !== false) {
                Dialog.alert(self, message, {title: _t('Scan refused')});
            }
        });
    },

    /**
     * Record one scan on the saved document RESID (REASON: override the
     * planned lot); the answer is {status, code, message, line}.
     */
    _lotScan: function (resId, barcode, reason) {
        var params = {model: this.modelName, res_id: resId, barcode: barcode};
        if (reason) {
            params.reason = reason;
        }
        return this._rpc({route: '/lot_traceability/scan', params: params});
    },

    /**
     * The message of a refusal the scan endpoint raised (e.g. no right to
     * write the document): user errors are shown by the form, under a plain
     * title, not by the crash manager ("Odoo Server Error"). False for any
     * other failure (lost connection, server crash): Odoo shows those.
     */
    _lotScanErrorMessage: function (error, event) {
        var data = error && error.data;
        var userError = data && data.exception_type && data.exception_type !== 'internal_error';
        if (!userError) {
            return false;
        }
        if (event && event.preventDefault) {
            event.preventDefault();
        }
        return (data.arguments && data.arguments[0]) || data.message || '';
    },

    _lotScanShowAnswer: function (resId, barcode, answer) {
        if (answer.status === 'ok') {
            // do_notify renders its text with t-raw: the message carries lot
            // and product names (GS1 AI 10 allows < >)
            this.do_notify(_t('Scanned'), _.escape(answer.message));
        } else if (answer.status === 'warning' && answer.code === 'lot_not_planned') {
            this._lotScanOfferOverride(resId, barcode, answer.message);
        } else {
            // the dialog of an onchange warning (it escapes the message)
            this.trigger_up('warning', {
                title: answer.status === 'warning' ? _t('Warning') : _t('Scan refused'),
                message: answer.message,
                type: 'dialog',
            });
        }
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
                    self._lotScan(resId, barcode, reason).then(function (answer) {
                        dialog.close();
                        return self.reload().then(function () {
                            if (answer.status === 'error') {
                                Dialog.alert(self, answer.message, {title: _t('Scan refused')});
                            } else {
                                self.do_notify(_t('Lot changed'), _.escape(answer.message));
                            }
                        });
                    }).fail(function (error, event) {
                        // a refusal stays in this dialog (no second dialog over it)
                        var refusal = self._lotScanErrorMessage(error, event);
                        if (refusal !== false) {
                            $error.text(refusal).show();
                        }
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
