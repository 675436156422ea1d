"""Groups of document kinds (文种) that more than one check relies on."""

# Kinds that set rights and obligations of citizens and organisations by their nature, and so need a legal
# basis and a period of validity.
RULE_KINDS = ("办法", "规定", "细则", "实施细则", "管理办法", "暂行办法", "实施办法", "暂行规定", "若干规定", "规则", "规程",
              "若干措施", "措施", "守则", "通告")
