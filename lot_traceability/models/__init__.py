# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import stock_production_lot
from . import lot_scan_mixin
from . import lot_scan_request
from . import lot_override_mixin
from . import ir_sequence
from . import lot_sequence_mixin
from . import product_template
from . import product_category
from . import res_company
from . import res_config_settings
from . import stock_picking_type
from . import stock_picking
from . import stock_move_line
from . import mrp_production
from . import lot_recall
from . import lot_recall_line
from . import lot_recall_customer
from . import lot_recall_balance
from . import lot_genealogy_edge
from . import lot_supplier_quality_report  # its SQL view reads lot_genealogy_edge
from . import mrp_unbuild
from . import stock_scrap
from . import product_product
from . import res_partner
from . import stock_quant
from . import stock_move
from . import lot_override_log
from . import lot_return_reason
from . import sale_order
from . import sale_order_line
from . import mrp_workorder
from . import res_users
from . import ir_actions_report
from . import lot_customer_balance
from . import lot_fsma_request
from . import lot_genealogy_graph
