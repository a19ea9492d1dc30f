/* Copyright 2026 lot_traceability contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
odoo.define('lot_traceability.lot_forms', function (require) {
"use strict";
/**
 * Widget lot_line_opens_lot: a list of operations (stock.move.line) whose
 * rows open the row's lot in its full form (breadcrumb back to the transfer),
 * not the operation in a popup. Rows without a lot open nothing.
 */
var ajax = require('web.ajax');
var fieldRegistry = require('web.field_registry');
var relationalFields = require('web.relational_fields');

/**
 * Open lot LOT_ID in the full lot form (the form of Inventory > Lots/Serial
 * Numbers, not the short one Odoo uses in popups), from WIDGET.
 */
function openLot(widget, lotId) {
    return ajax.jsonRpc('/web/action/load', 'call', {action_id: 'stock.action_production_lot_form'})
        .then(function (action) {
            var form = _.find(action.views || [], function (view) { return view[1] === 'form'; });
            return widget.do_action({
                type: 'ir.actions.act_window', res_model: 'stock.production.lot', res_id: lotId,
                views: [[form ? form[0] : false, 'form']], view_type: 'form', target: 'current',
            });
        });
}

var LineOpensLot = relationalFields.FieldMany2Many.extend({
    _onOpenRecord: function (ev) {
        ev.stopPropagation();
        var row = _.findWhere(this.value.data, {id: ev.data.id});
        var lot = row && row.data.lot_id;
        if (!lot || !lot.res_id) { return; }
        openLot(this, lot.res_id);
    },
});

fieldRegistry.add('lot_line_opens_lot', LineOpensLot);

return {LineOpensLot: LineOpensLot, openLot: openLot};
});
