# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

LOT_LABEL_REPORT = 'lot_traceability.report_lot_label'


class IrActionsReport(models.Model):
    _inherit = 'ir.actions.report'

    @api.model
    def _build_wkhtmltopdf_args(self, paperformat_id, landscape, specific_paperformat_args=None,
                                set_viewport_size=False):
        """The lot label report prints on the company's label paper (Settings)."""
        if self.report_name == LOT_LABEL_REPORT:
            paperformat_id = self.env.user.company_id._lot_label_paperformat()
        return super(IrActionsReport, self)._build_wkhtmltopdf_args(
            paperformat_id, landscape, specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size)
