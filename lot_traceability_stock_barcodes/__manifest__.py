# Copyright 2026 lot_traceability contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    'name': 'Lot Traceability - Stock Barcodes',
    'summary': "Lot rules of lot_traceability in OCA's barcode scanner screen",
    'version': '11.0.1.0.0',
    'category': 'Warehouse',
    'license': 'AGPL-3',
    'author': 'lot_traceability contributors',
    'website': 'https://www.example.com/lot_traceability',
    'depends': [
        'lot_traceability',
        'stock_barcodes_gs1',
    ],
    'installable': True,
    'auto_install': True,
}
