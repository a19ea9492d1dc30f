
from . import recall
