
from . import lot_trace
