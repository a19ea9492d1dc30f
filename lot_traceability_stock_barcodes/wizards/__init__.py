# Copyright 2026 lot_traceability contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import stock_barcodes_read
from . import stock_barcodes_read_picking
