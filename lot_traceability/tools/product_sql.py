# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The product's display name in SQL: the one fragment the SQL readers
(trace rows, mass balance, FSMA events) select.

It says what ``product.product.name_get`` says without a partner in the
context: ``[default code] Name (Value, Value)``, the values being those of
the attributes that have more than one value on the template, in the order
of the product's ``attribute_value_ids`` (value sequence, then attribute
sequence and name, then id).

Names are the source ones (the language the products were created in, as
``name_get`` without a language): the rows these readers build are stored
(recall snapshots) and exported (FSMA workbook, EPCIS), read later by
people of any language, so they do not depend on who ran the trace."""

_PRODUCT_NAME = """(
CASE WHEN {pp}.default_code IS NOT NULL AND {pp}.default_code <> ''
     THEN '[' || {pp}.default_code || '] ' ELSE '' END
|| {pt}.name
|| COALESCE(' (' || (
    SELECT string_agg(pv.name, ', ' ORDER BY pv.sequence, pa.sequence, pa.name, pv.id)
      FROM product_attribute_value_product_product_rel pvr
      JOIN product_attribute_value pv ON pv.id = pvr.product_attribute_value_id
      JOIN product_attribute pa ON pa.id = pv.attribute_id
     WHERE pvr.product_product_id = {pp}.id
       AND pv.attribute_id IN (
           SELECT pal.attribute_id
             FROM product_attribute_line pal
             JOIN product_attribute_line_product_attribute_value_rel palv
               ON palv.product_attribute_line_id = pal.id
            WHERE pal.product_tmpl_id = {pp}.product_tmpl_id
            GROUP BY pal.id, pal.attribute_id
           HAVING count(*) > 1)
   ) || ')', '')
)"""


def product_name_sql(product_alias, template_alias):
    """The SQL expression of the display name of the product_product row
    aliased PRODUCT_ALIAS, whose product_template row is TEMPLATE_ALIAS."""
    return _PRODUCT_NAME.format(pp=product_alias, pt=template_alias)
