# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PDF reports of the addon: the paper of the document's company, and the
company letterhead even where wkhtmltopdf cannot print page headers."""
import logging
import subprocess

import lxml.html

from odoo import api, models

_logger = logging.getLogger(__name__)

LOT_LABEL_REPORT = 'lot_traceability.report_lot_label'
# documents printed on the paper format of their own company (a recall of a
# branch prints on the branch's paper, whatever company the user works in)
COMPANY_PAPER_REPORTS = ('lot_traceability.report_lot_recall',)
MODULE_PREFIX = 'lot_traceability.'
CLASS_XPATH = "//div[contains(concat(' ', normalize-space(@class), ' '), ' %s ')]"

_patched_qt = []


def wkhtmltopdf_prints_headers():
    """True when the installed wkhtmltopdf is built with its patched Qt, the
    only build that prints ``--header-html`` / ``--footer-html`` (the Debian
    package is not: it silently drops Odoo's page header and footer)."""
    if not _patched_qt:
        from odoo.addons.base.ir.ir_actions_report import _get_wkhtmltopdf_bin
        try:
            process = subprocess.Popen([_get_wkhtmltopdf_bin(), '--version'],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            out, _err = process.communicate()
        except (OSError, IOError):
            out = b''
        _patched_qt.append(b'patched qt' in out)
        if not _patched_qt[0]:
            _logger.info('wkhtmltopdf is not built with its patched Qt: the company header and '
                         'footer of lot_traceability reports are printed in the page body.')
    return _patched_qt[0]


def inline_header_and_footer(html):
    """HTML of an external-layout report with each record's header moved to the
    top of its article and its footer to the end (the page counter, which only
    a running footer can fill, is left out); the top margin of a page without
    running header becomes 10 mm."""
    root = lxml.html.fromstring(html)
    articles = root.xpath(CLASS_XPATH % 'article')
    headers = root.xpath(CLASS_XPATH % 'header')
    footers = root.xpath(CLASS_XPATH % 'footer')
    if not articles or not (headers or footers):
        return html
    for header in headers:
        _move_into_article(header, 'following', 'header', 'margin-bottom: 16px;')
    for footer in footers:
        if _move_into_article(footer, 'preceding', 'footer',
                              'margin-top: 24px; page-break-inside: avoid;') is not None:
            for counter in footer.xpath('.//span[@class="page" or @class="topage"]/..'):
                counter.getparent().remove(counter)
    root.set('data-report-margin-top', '10')
    root.set('data-report-header-spacing', '0')
    return lxml.html.tostring(root)


def _move_into_article(node, axis, kind, style):
    """Move NODE (the header or footer KIND of a record) into the nearest
    article along AXIS ('following': to its top, 'preceding': to its end),
    renamed so that wkhtmltopdf does not treat it as a running one; the
    article, or None when there is none."""
    article = node.xpath('%s::%s[1]' % (axis, CLASS_XPATH[2:] % 'article'))
    if not article:
        return None
    node.set('class', (node.get('class') or '').replace(kind, 'lot_report_' + kind))
    node.set('style', style)
    if axis == 'following':
        article[0].insert(0, node)
    else:
        article[0].append(node)
    return article[0]


class IrActionsReport(models.Model):
    _inherit = 'ir.actions.report'

    @api.multi
    def render_qweb_pdf(self, res_ids=None, data=None):
        report = self
        if (len(self) == 1 and self.report_name in COMPANY_PAPER_REPORTS and res_ids
                and 'company_id' in self.env[self.model]._fields):
            companies = self.env[self.model].browse(res_ids).mapped('company_id')
            if len(companies) == 1:
                report = self.with_context(lot_report_company_id=companies.id)
        return super(IrActionsReport, report).render_qweb_pdf(res_ids, data=data)

    @api.multi
    def _prepare_html(self, html):
        if (len(self) == 1 and (self.report_name or '').startswith(MODULE_PREFIX)
                and not wkhtmltopdf_prints_headers()):
            html = inline_header_and_footer(html)
        return super(IrActionsReport, self)._prepare_html(html)

    @api.model
    def _build_wkhtmltopdf_args(self, paperformat_id, landscape, specific_paperformat_args=None,
                                set_viewport_size=False):
        """The lot label report prints on the company's label paper (Settings);
        a recall on the paper format of the recall's company (Odoo takes the
        one of the company the user is working in)."""
        if self.report_name == LOT_LABEL_REPORT:
            paperformat_id = self.env.user.company_id._lot_label_paperformat()
        elif (self.report_name in COMPANY_PAPER_REPORTS and not self.paperformat_id
              and self.env.context.get('lot_report_company_id')):
            company = self.env['res.company'].sudo().browse(
                self.env.context['lot_report_company_id']).exists()
            paperformat_id = company.paperformat_id or paperformat_id
        return super(IrActionsReport, self)._build_wkhtmltopdf_args(
            paperformat_id, landscape, specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size)
