"""One module per rule kind. Each offers ``findings(rule, text)``: the (start, end, message,
suggestion) of every place in ``text`` where the rule applies."""
