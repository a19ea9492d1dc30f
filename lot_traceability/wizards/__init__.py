# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import mrp_product_produce
from . import stock_immediate_transfer
from . import stock_backorder_confirmation
from . import lot_scan_lookup
from . import lot_root_cause
from . import lot_quarantine_wizard
from . import lot_release_wizard
from . import mrp_product_produce_line

from . import lot_trace
from . import stock_return_picking
from . import stock_return_picking_line
from . import lot_recall_notify
from . import lot_root_cause_yield
from . import lot_recall_reopen
