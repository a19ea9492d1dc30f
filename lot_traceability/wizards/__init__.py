
from . import mrp_product_produce
from . import stock_immediate_transfer
from . import stock_backorder_confirmation
