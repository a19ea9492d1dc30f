from . import stock_production_lot
from . import lot_recall
from . import lot_recall_line
from . import lot_recall_customer
from . import stock_move_line
from . import lot_supplier_quality_report
from . import res_partner
