
from . import scan
from . import recall
