
from . import lot_root_cause
from . import lot_quarantine_wizard
from . import mrp_product_produce
from . import mrp_product_produce_line
from . import lot_trace
