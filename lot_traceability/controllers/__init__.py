
from . import scan
from . import recall
from . import fsma
