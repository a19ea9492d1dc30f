/* Copyright 2026 lot_traceability contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
odoo.define('lot_traceability.genealogy_graph', function (require) {
"use strict";
/**
 * The genealogy graph (client action lot_traceability.genealogy_graph), opened
 * from a lot form or a recall. Draws the tree built on the server from the
 * trace rows (lot.genealogy.graph.graph_data) with the d3 that Odoo 11 ships
 * (web/static/lib/nvd3/d3.v3.js, loaded on demand like the graph view does).
 * Forward (where it went) to the right of the start lots, backward (made from)
 * to the left. Levels collapse and expand (click a dot), a lot is found by
 * its number (the path to it opens), a click on a name opens the record.
 * Every text is set with d3's .text() (never as HTML).
 *
 * Layout: layered left to right, one column per level; a link leaves a
 * column after the longest label of that column, so no link crosses a name.
 * The first view is fitted to the canvas but never below the readable scale
 * (text of at least 11 px); a graph too wide for that shows the whole columns
 * around the start lot that fit, none cut at an edge (the others are reached
 * by dragging); *Fit* shows everything (an overview). A long partner name is
 * shortened (the full name in the node's tooltip).
 * Customers, stock and vendors of an open lot are always shown; a lot that
 * hides lots below it says how many (+N).
 */
var ajax = require('web.ajax');
var ControlPanelMixin = require('web.ControlPanelMixin');
var core = require('web.core');
var lotForms = require('lot_traceability.lot_forms');
var Widget = require('web.Widget');

var _t = core._t;
var D3 = '/web/static/lib/nvd3/d3.v3.js';
var ROW = 46, COLUMN = 400, OPEN_LEVELS = 2, MIN_SCALE = 0.02, LINK = 70;
// fonts (px) and the smallest scale of the first view: 11 px text at least
var NAME_FONT = 15, SMALL_FONT = 14, READABLE_SCALE = 11 / 14, MAX_SCALE = 1.5, DOT = 9, GAP = 10;
// partner names longer than this are shortened (the tooltip has them whole)
var NAME_MAX = 32;

var GenealogyGraph = Widget.extend(ControlPanelMixin, {
    className: 'o_lot_genealogy_graph',
    events: {
        'click .o_lot_graph_expand': '_onExpandAll',
        'click .o_lot_graph_collapse': '_onCollapse',
        'click .o_lot_graph_fit': '_onFit',
        'keyup .o_lot_graph_search': '_onSearch',
        'change .o_lot_graph_search': '_onSearch',
    },

    init: function (parent, action) {
        this._super.apply(this, arguments);
        this.actionManager = parent;
        var ctx = action.context || {};
        if (ctx.eval) { ctx = ctx.eval(); }
        var params = action.params || {};
        this.resModel = params.res_model || ctx.active_model;
        this.resIds = params.res_ids || ctx.active_ids || (ctx.active_id ? [ctx.active_id] : []);
        this.actionName = action.name;
    },

    willStart: function () {
        var self = this;
        var data = this._rpc({
            model: 'lot.genealogy.graph', method: 'graph_data',
            args: [this.resModel, this.resIds],
        }).then(function (graph) {
            self.graph = graph;
            self.set('title', graph.title);
        });
        return $.when(this._super.apply(this, arguments), ajax.loadJS(D3), data);
    },

    start: function () {
        var self = this;
        this._renderToolbar();
        this.$svgBox = $('<div class="o_lot_graph_canvas"/>').css({
            height: Math.max(400, $(window).height() - 160) + 'px', overflow: 'hidden',
            background: '#fff', 'border-top': '1px solid #ddd',
        }).appendTo(this.$el);
        this.update_control_panel({
            breadcrumbs: this.actionManager.get_breadcrumbs(), cp_content: {},
        }, {clear: true});
        this.svg = d3.select(this.$svgBox[0]).append('svg')
            .attr('class', 'o_lot_graph_svg').attr('width', '100%').attr('height', '100%');
        this.canvas = this.svg.append('g');
        // down to 2 %: Fit shows a whole 500-lot tree (an overview to zoom into)
        this.zoom = d3.behavior.zoom().scaleExtent([MIN_SCALE, 3]).on('zoom', function () {
            self.userMoved = true;
            self.canvas.attr('transform', 'translate(' + d3.event.translate + ')scale(' + d3.event.scale + ')');
        });
        this.svg.call(this.zoom).on('dblclick.zoom', null);
        this._prepare(this.graph.root, 0);
        this._collapseBelow(OPEN_LEVELS);
        this._draw();
        // the container only has its size once attached: fit then
        this._fitWhenShown(40);
        return this._super.apply(this, arguments);
    },

    // ------------------------------------------------------------------ data
    _prepare: function (node, depth) {
        var self = this;
        node.depth0 = depth;
        _.each(node.children || [], function (child) { self._prepare(child, depth + 1); });
        _.each(node.upstream || [], function (child) { self._prepare(child, depth + 1); });
    },
    _eachNode: function (callback) {
        var walk = function (node) {
            callback(node);
            _.each((node.children || []).concat(node._children || []), walk);
            _.each((node.upstream || []).concat(node._upstream || []), walk);
        };
        walk(this.graph.root);
    },
    _setOpen: function (node, open) {
        if (open) {
            if (node._children) { node.children = node._children; node._children = null; }
            if (node._upstream) { node.upstream = node._upstream; node._upstream = null; }
        } else {
            if (node.children && node.children.length && node.type !== 'root') {
                node._children = node.children; node.children = null;
            }
            if (node.upstream && node.upstream.length && !node.start) {
                node._upstream = node.upstream; node.upstream = null;
            }
        }
    },
    _collapseBelow: function (levels) {
        var self = this;
        this._eachNode(function (node) { self._setOpen(node, true); });
        this._eachNode(function (node) {
            // depth 1 = start lots; a lot `levels` steps away hides the lots
            // below it, never its customers, stock or vendors (the leaves)
            if (node.depth0 > levels && self._hiddenCount(node, true)) {
                self._setOpen(node, false);
            }
        });
    },
    _hasHidden: function (node) {
        return !!((node._children && node._children.length) || (node._upstream && node._upstream.length));
    },
    /**
     * How many nodes hang below NODE (hidden ones, or all with ALL); with
     * ALL, only lots count (a lot whose children are all leaves stays open).
     */
    _hiddenCount: function (node, all) {
        var kids = all ? (node.children || []).concat(node._children || [])
            .concat(node.upstream || []).concat(node._upstream || [])
            : (node._children || []).concat(node._upstream || []);
        return all ? _.filter(kids, function (kid) { return kid.type === 'lot'; }).length
            : kids.length;
    },

    // ------------------------------------------------------------------ drawing
    _layout: function () {
        var tree = d3.layout.tree().nodeSize([ROW, COLUMN])
            .children(function (node) { return node.children && node.children.length ? node.children : null; })
            .separation(function (a, b) { return a.parent === b.parent ? 1 : 1.3; });
        var nodes = tree.nodes(this.graph.root);
        var links = tree.links(nodes);
        // backward: each start lot's inputs, laid out from a stand-in for the
        // start lot (d3 rewrites the children of the nodes it lays out)
        var upTree = d3.layout.tree().nodeSize([ROW, COLUMN])
            .separation(function (a, b) { return a.parent === b.parent ? 1 : 1.3; })
            .children(function (node) {
                var kids = node.proxyFor ? node.proxyFor.upstream : node.children;
                return kids && kids.length ? kids : null;
            });
        _.each(this.graph.root.children || [], function (start) {
            if (!start.upstream || !start.upstream.length) { return; }
            var proxy = {proxyFor: start};
            var upNodes = upTree.nodes(proxy);
            _.each(upNodes, function (node) {
                if (node === proxy) { return; }
                node.x = node.x - proxy.x + start.x;
                node.y = start.y - (node.y - proxy.y);
                nodes.push(node);
            });
            _.each(upTree.links(upNodes), function (link) {
                links.push({source: link.source === proxy ? start : link.source,
                            target: link.target});
            });
        });
        nodes = _.filter(nodes, function (node) { return node.type !== 'root'; });
        links = _.filter(links, function (link) { return link.source.type !== 'root'; });
        return {nodes: nodes, links: links};
    },

    _draw: function () {
        var self = this;
        var layout = this._layout();
        this.canvas.selectAll('*').remove();
        // links below the nodes; drawn once the labels are measured
        var linkLayer = this.canvas.append('g').attr('class', 'o_lot_graph_links');
        var node = this.canvas.selectAll('g.o_lot_graph_node').data(layout.nodes).enter()
            .append('g')
            .attr('class', function (d) {
                return 'o_lot_graph_node o_lot_graph_' + d.type + ' ' +
                    _.map(d.status || [], function (s) { return 'o_lot_graph_' + s; }).join(' ');
            })
            .attr('data-name', function (d) { return d.name; })
            .attr('data-type', function (d) { return d.type; })
            .attr('data-status', function (d) { return (d.status || []).join(' '); })
            .attr('data-hidden', function (d) { return self._hasHidden(d) ? '1' : '0'; })
            .attr('transform', function (d) { return 'translate(' + d.y + ',' + d.x + ')'; });
        node.append('title').text(function (d) {
            return d.type === 'lot' && d.product ? d.name + ' ' + d.product : d.name;
        });
        node.append('circle')
            .attr('class', 'o_lot_graph_dot')
            .attr('r', function (d) { return d.type === 'lot' ? 7 : 5; })
            .style('fill', function (d) { return self._colour(d); })
            .style('stroke', function (d) { return d.start ? '#000' : (self._hasHidden(d) ? '#337ab7' : '#fff'); })
            .style('stroke-width', function (d) { return d.start || self._hasHidden(d) ? '3px' : '1px'; })
            .style('cursor', 'pointer')
            .on('click', function (d) { self._toggle(d); });
        var label = node.append('text')
            .attr('class', 'o_lot_graph_label')
            .attr('x', function (d) { return d.direction === 'upstream' ? -11 : 11; })
            .attr('dy', '0.35em')
            .attr('text-anchor', function (d) { return d.direction === 'upstream' ? 'end' : 'start'; })
            .style({cursor: 'pointer', 'font-size': NAME_FONT + 'px'})
            .on('click', function (d) { self._open(d); });
        label.append('tspan').style('font-weight', function (d) { return d.type === 'lot' ? 'bold' : 'normal'; })
            .style('fill', function (d) { return self.found && self.found === d ? '#d9534f' : '#333'; })
            .text(function (d) { return self._shortName(d); });
        label.append('tspan').style({fill: '#777', 'font-size': SMALL_FONT + 'px'})
            .text(function (d) {
                if (d.type === 'lot') {
                    var product = d.product || '';
                    if (product.length > 22) { product = product.slice(0, 21) + '…'; }
                    return ' ' + product;
                }
                return d.type === 'stock' ? ' ' + _t('(in stock)') : '';
            });
        // a lot hiding nodes says how many: click the dot (or the count) to open
        label.filter(function (d) { return self._hasHidden(d); }).append('tspan')
            .attr('class', 'o_lot_graph_more')
            .style({fill: '#337ab7', 'font-size': SMALL_FONT + 'px', 'font-weight': 'bold'})
            .text(function (d) { return ' +' + self._hiddenCount(d); })
            .on('click', function (d) { d3.event.stopPropagation(); self._toggle(d); });
        // the quantity that reached the node, under its name
        var qty = node.append('text')
            .attr('class', 'o_lot_graph_qty')
            .attr('x', function (d) { return d.direction === 'upstream' ? -11 : 11; })
            .attr('y', 19)
            .attr('text-anchor', function (d) { return d.direction === 'upstream' ? 'end' : 'start'; })
            .style({'font-size': SMALL_FONT + 'px', fill: '#777'})
            .text(function (d) { return d.edge_label || ''; });
        var length = function (element) {
            return element.getComputedTextLength ? element.getComputedTextLength() : 0;
        };
        label.each(function (d) { d.labelWidth = length(this); });
        qty.each(function (d) { d.extent = Math.max(d.labelWidth, length(this)); });
        // columns as wide as their longest text: forward columns to the right of
        // the start lots (labels on the right), backward ones to the left
        var widest = {};
        _.each(layout.nodes, function (d) {
            d.column = Math.round(d.y / COLUMN) - 1;  // the start lots are one level down
            widest[d.column] = Math.max(widest[d.column] || 0, d.extent);
        });
        var at = {0: 0};
        var columns = _.map(_.keys(widest), Number);
        _.each(_.sortBy(_.filter(columns, function (c) { return c > 0; })), function (c) {
            at[c] = at[c - 1] + 11 + (widest[c - 1] || 0) + LINK;
        });
        _.each(_.sortBy(_.filter(columns, function (c) { return c < 0; })).reverse(), function (c) {
            at[c] = (c + 1 === 0 ? at[0] - DOT : at[c + 1] - 11 - (widest[c + 1] || 0)) - LINK;
        });
        var edges = {};
        // each column's horizontal extent (dots and texts), for the first view
        this.columns = {};
        _.each(layout.nodes, function (d) {
            d.y = at[d.column] || 0;
            var left = d.direction === 'upstream';
            d.labelEnd = left ? d.y - 11 - d.labelWidth : d.y + 11 + d.labelWidth;
            edges[d.column] = left ? d.y - 11 - widest[d.column] : d.y + 11 + widest[d.column];
            self.columns[d.column] = [Math.min(d.y - DOT, edges[d.column]),
                                      Math.max(d.y + DOT, edges[d.column])];
        });
        node.attr('transform', function (d) { return 'translate(' + d.y + ',' + d.x + ')'; });
        var start = function (d) {
            var side = d.target.y < d.source.y ? -1 : 1;
            var labelSide = d.source.direction === 'upstream' ? -1 : 1;
            if (side !== labelSide) { return [d.source.y + side * DOT, d.source.y + side * DOT]; }
            return [d.source.labelEnd + side * GAP / 2, edges[d.source.column] + side * GAP];
        };
        var path = function (d) {
            var from = start(d), side = d.target.y < d.source.y ? -1 : 1;
            var end = d.target.y - side * DOT, mid = (from[1] + end) / 2;
            return 'M' + from[0] + ',' + d.source.x + 'H' + from[1] +
                'C' + mid + ',' + d.source.x + ' ' + mid + ',' + d.target.x + ' ' + end + ',' + d.target.x;
        };
        var link = linkLayer.selectAll('g.o_lot_graph_link').data(layout.links).enter()
            .append('g').attr('class', 'o_lot_graph_link');
        link.append('path').attr('d', path)
            .style({fill: 'none', stroke: '#bbb', 'stroke-width': '1.5px'});
        if (this.found) {
            var foundWidth = (self.found.extent || 200) + 36;
            node.filter(function (d) { return d === self.found; }).insert('rect', ':first-child')
                .attr({x: self.found.direction === 'upstream' ? 12 - foundWidth : -12, y: -14,
                       height: 40, rx: 4, width: foundWidth})
                .style({fill: '#fcf8e3', stroke: '#f0ad4e'});
        }
        this.$('.o_lot_graph_count').text(
            _.str.sprintf(_t('%s lots, %s nodes; %s shown'), this.graph.lot_count,
                          this.graph.node_count, layout.nodes.length));
        this.layout = layout;
    },

    /**
     * A long partner name as its start and its end (the partners of one graph
     * often differ only at the end: "… Giresun No. 3"), cut between words.
     */
    _shortName: function (d) {
        var name = (d.name || '').trim();
        if (d.type === 'lot' || name.length <= NAME_MAX) { return name; }
        var words = name.split(/\s+/), room = NAME_MAX - 3, head = '', tail = '';
        var last = words.length - 1, first = 0;
        // whole words from the end (up to 45 %), then from the start
        while (last > 0 && (words[last] + ' ' + tail).trim().length <= room * 0.45) {
            tail = (words[last] + ' ' + tail).trim();
            last -= 1;
        }
        while (first <= last && (head + ' ' + words[first]).trim().length <= room - tail.length) {
            head = (head + ' ' + words[first]).trim();
            first += 1;
        }
        if (!tail) { tail = words[words.length - 1].slice(-Math.floor(room * 0.45)); }
        if (!head) { head = name.slice(0, room - tail.length); }
        return head + ' … ' + tail;
    },

    _colour: function (d) {
        var status = d.status || [];
        if (_.contains(status, 'quarantined')) { return '#d9534f'; }
        if (_.contains(status, 'expired')) { return '#f0ad4e'; }
        if (_.contains(status, 'recalled')) { return '#8e44ad'; }
        return {lot: '#337ab7', customer: '#5cb85c', stock: '#5bc0de', vendor: '#999'}[d.type] || '#337ab7';
    },

    _renderToolbar: function () {
        var $bar = $('<div class="o_lot_graph_toolbar form-inline"/>').css({padding: '8px', 'min-height': '48px'});
        $('<input type="text" class="form-control input-sm o_lot_graph_search"/>')
            .attr('placeholder', _t('Find a lot...')).css('width', '180px').appendTo($bar);
        _.each([['o_lot_graph_expand', _t('Expand all')],
                ['o_lot_graph_collapse', _t('Collapse to 2 levels')],
                ['o_lot_graph_fit', _t('Fit')]], function (b) {
            $('<button type="button" class="btn btn-sm btn-default"/>').addClass(b[0]).text(b[1])
                .css('margin-left', '6px').appendTo($bar);
        });
        $('<span class="o_lot_graph_count text-muted"/>').css({'margin-left': '12px', 'white-space': 'nowrap'})
            .appendTo($bar);
        var $legend = $('<span class="o_lot_graph_legend"/>').css('margin-left', '16px').appendTo($bar);
        var self = this;
        _.each(this.graph.legend || [], function (item) {
            var colour = self._colour({type: item[0], status: [item[0]]});
            var $item = $('<span class="o_lot_graph_legend_item"/>').css('white-space', 'nowrap')
                .appendTo($legend);
            $('<span/>').css({display: 'inline-block', width: '10px', height: '10px', 'border-radius': '5px',
                              background: colour, 'margin': '0 4px 0 8px'}).appendTo($item);
            $('<span/>').text(item[1]).appendTo($item);
        });
        $bar.appendTo(this.$el);
    },

    /**
     * The canvas has its size only once the action is in the page: fit then
     * (tries every 50 ms, TRIES times).
     */
    _fitWhenShown: function (tries) {
        var self = this;
        if (this.$svgBox.width() > 0 && $.contains(document, this.$svgBox[0])) {
            // the canvas fills the window below the toolbar (which may wrap)
            var top = this.$svgBox.offset().top;
            this.$svgBox.css('height', Math.max(400, $(window).height() - top - 4) + 'px');
            this._draw();  // the labels are measured only once in the page
            this._fit(READABLE_SCALE);
            // the web client may still lay the page out (control panel, menu):
            // fit again once it is done, unless the user already moved the view
            setTimeout(function () {
                if (!self.userMoved && $.contains(document, self.$svgBox[0])) {
                    var top = self.$svgBox.offset().top;
                    self.$svgBox.css('height', Math.max(400, $(window).height() - top - 4) + 'px');
                    self._fit(READABLE_SCALE);
                }
            }, 300);
        } else if (tries > 0) {
            setTimeout(function () { self._fitWhenShown(tries - 1); }, 50);
        }
    },
    /**
     * Fit the drawing to the canvas, centred; never below MIN (the first view
     * keeps the text readable: what does not fit is reached by dragging, the
     * start lot is in view).
     */
    _fit: function (min) {
        if (!this.layout || !this.layout.nodes.length) { return; }
        var box = this.canvas.node().getBBox();
        var width = this.$svgBox.width() || 1200, height = this.$svgBox.height() || 700;
        var margin = 20;
        var scale = Math.min(MAX_SCALE, (width - 2 * margin) / Math.max(box.width, 1),
                             (height - 2 * margin) / Math.max(box.height, 1));
        scale = Math.max(scale, min || MIN_SCALE);
        var start = _.find(this.layout.nodes, function (node) { return node.start; }) || this.layout.nodes[0];
        var tx = (width - box.width * scale) / 2 - box.x * scale;
        var ty = (height - box.height * scale) / 2 - box.y * scale;
        if (box.width * scale > width - 2 * margin) {
            tx = this._columnsInView(start.column || 0, scale, width - 2 * margin) + margin;
        }
        if (box.height * scale > height - 2 * margin) {
            // too tall: start at the top, the start lot in view
            ty = margin - box.y * scale;
            if (start.x * scale + ty > height - margin) { ty = height / 2 - start.x * scale; }
        }
        var translate = [tx, ty];
        this.zoom.translate(translate).scale(scale);
        this.canvas.attr('transform', 'translate(' + translate + ')scale(' + scale + ')');
    },

    /**
     * Too wide at SCALE: the x translation showing whole columns only, the
     * start lot's COLUMN and as many of its neighbours as fit in ROOM px
     * (forward first). A column left out lies wholly beyond the edge on its
     * side when only one side has columns left out; else the view begins at
     * the leftmost column shown.
     */
    _columnsInView: function (column, scale, room) {
        var columns = this.columns, low = column, high = column;
        var span = function (a, b) { return (columns[b][1] - columns[a][0]) * scale; };
        if (!columns[column]) { return 0; }
        var grown = true;
        while (grown) {
            grown = false;
            if (columns[high + 1] && span(low, high + 1) <= room) { high += 1; grown = true; }
            if (columns[low - 1] && span(low - 1, high) <= room) { low -= 1; grown = true; }
        }
        var left = -columns[low][0] * scale;             // first column at the left edge
        if (!columns[low - 1] && columns[high + 1]) {
            left += room - span(low, high);              // last one at the right edge
        }
        return left;
    },

    _toggle: function (d) {
        this.searchOpened = _.without(this.searchOpened || [], d);  // the user's choice now
        this._setOpen(d, this._hasHidden(d));
        this._draw();
    },

    _open: function (d) {
        var model = d.type === 'lot' ? 'stock.production.lot'
            : (d.partner_id ? 'res.partner' : false);
        var id = d.type === 'lot' ? d.lot_id : d.partner_id;
        if (!model || !id) { return; }
        if (model === 'stock.production.lot') { return lotForms.openLot(this, id); }
        this.do_action({type: 'ir.actions.act_window', res_model: model, res_id: id,
                        views: [[false, 'form']], target: 'current'});
    },

    // ------------------------------------------------------------------ handlers
    _onExpandAll: function () {
        var self = this;
        this.searchOpened = [];
        this._eachNode(function (node) { self._setOpen(node, true); });
        this._draw(); this._fit();
    },
    _onCollapse: function () {
        this.searchOpened = [];
        this._collapseBelow(OPEN_LEVELS);
        this._draw(); this._fit(READABLE_SCALE);
    },
    _onFit: function () { this._fit(); },
    _onSearch: function (ev) {
        var term = ($(ev.currentTarget).val() || '').trim().toLowerCase();
        var self = this, path = null;
        if (term === this.searchTerm) { return; }
        this.searchTerm = term;
        // each key typed searches again: close what the previous match opened
        _.each(this.searchOpened || [], function (node) { self._setOpen(node, false); });
        this.searchOpened = [];
        this.found = null;
        if (!term) { this._draw(); return; }
        var walk = function (node, trail) {
            if (path) { return; }
            trail = trail.concat([node]);
            if (node.type === 'lot' && (node.name || '').toLowerCase().indexOf(term) !== -1) {
                path = trail; return;
            }
            _.each((node.children || []).concat(node._children || [])
                   .concat(node.upstream || []).concat(node._upstream || []),
                   function (child) { walk(child, trail); });
        };
        walk(this.graph.root, []);
        if (!path) { this._draw(); return; }
        _.each(path.slice(0, -1), function (node) {
            if (self._hasHidden(node)) {
                self._setOpen(node, true);
                self.searchOpened.push(node);
            }
        });
        this.found = path[path.length - 1];
        this._draw();
        var scale = this.zoom.scale();
        var width = this.$svgBox.width() || 1200, height = this.$svgBox.height() || 700;
        var translate = [width / 2 - this.found.y * scale, height / 2 - this.found.x * scale];
        this.zoom.translate(translate);
        this.canvas.attr('transform', 'translate(' + translate + ')scale(' + scale + ')');
    },
});

core.action_registry.add('lot_traceability.genealogy_graph', GenealogyGraph);

return GenealogyGraph;
});
