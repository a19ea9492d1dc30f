
from . import lot_scan_lookup
