
from . import stock_return_picking
from . import stock_return_picking_line
