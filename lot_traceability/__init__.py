# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import db_errors
from . import models
from . import controllers
from . import wizards
from . import demo
from .hooks import post_init_hook
