from . import stock_production_lot
from . import lot_scan_mixin
from . import stock_picking
from . import mrp_production
