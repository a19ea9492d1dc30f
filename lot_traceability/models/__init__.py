from . import stock_production_lot
from . import lot_return_reason
from . import stock_picking
from . import stock_move_line
from . import res_partner
from . import sale_order
from . import sale_order_line
from . import lot_traceability_demo
