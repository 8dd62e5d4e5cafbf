"""The hash-chained audit trail (append, verify, export), its entries in words, and
each agency's history as this machine knows it."""
