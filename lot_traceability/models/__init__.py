from . import stock_production_lot
from . import lot_genealogy_edge
from . import mrp_production
from . import mrp_unbuild
from . import stock_scrap
