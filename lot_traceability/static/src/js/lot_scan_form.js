odoo.define('lot_traceability.scan_form', function (require) {
"use strict";
/**
 * Transfers and manufacturing orders record a scan on the server at once
 * (lot.scan.mixin): accept scans in read mode too, show the saved lines, and
 * confirm an accepted scan with a notification (refusals come as a dialog);
 * the notification text is escaped.
 */
var core = require('web.core');
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
            var message = self.model.get(self.handle).data.lot_scan_message;
            var reloaded = !unsaved && record.res_id ? self.reload() : $.when();
            return reloaded.then(function () {
                if (message) {
                    // do_notify renders its text with t-raw: the message
                    // carries lot and product names (GS1 AI 10 allows < >)
                    self.do_notify(_t('Scanned'), _.escape(message));
                }
            });
        });
    },
});

});
