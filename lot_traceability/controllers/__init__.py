
from . import scan
