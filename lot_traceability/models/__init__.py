from . import stock_production_lot
