
from . import lot_root_cause
