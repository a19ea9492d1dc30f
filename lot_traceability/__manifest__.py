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
        'security/lot_sequence_security.xml',
        'data/lot_sequence_data.xml',
        'views/ir_sequence_views.xml',
        'views/product_template_views.xml',
        'views/product_category_views.xml',
        'views/res_config_settings_views.xml',
        'views/stock_production_lot_views.xml',
        'views/stock_picking_type_views.xml',
        'views/stock_picking_views.xml',
        'views/mrp_production_views.xml',
        'reports/lot_label_report.xml',
    ],
    'demo': [],
    'installable': True,
    'application': False,
}
