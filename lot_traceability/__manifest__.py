# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    'name': 'Lot Traceability',
    'summary': 'Automatic lot numbers, FEFO picking, consumption genealogy, '
               'GS1 scanning and one-click recall reports',
    'version': '11.0.1.0.0',
    'category': 'Warehouse',
    'license': 'LGPL-3',
    'author': 'lot_traceability contributors',
    'website': 'https://pypi.org/project/odoo11-addon-lot-traceability/',
    'depends': [
        'stock',
        'mrp',
        'sale_stock',
        'purchase',
        'product_expiry',
        'barcodes',
    ],
    'external_dependencies': {
        'python': ['barcode', 'xlsxwriter'],
    },
    'data': [
        'security/lot_traceability_security.xml',
        'security/ir.model.access.csv',
        'views/lot_traceability_menus.xml',
        'security/lot_recall_security.xml',
        'data/lot_recall_data.xml',
        'views/lot_recall_views.xml',
        'views/lot_recall_line_views.xml',
        'views/lot_recall_customer_views.xml',
        'views/lot_supplier_quality_report_views.xml',
        'views/res_partner_views.xml',
        'views/stock_production_lot_views.xml',
        'views/stock_picking_views.xml',
        'wizards/lot_root_cause_views.xml',
        'reports/lot_recall_report.xml',
    ],
    'demo': [],
    'installable': True,
    'application': False,
}
