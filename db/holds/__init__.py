"""Holding the footage a request asks for (docs/holds.md): the evidence store in the
data folder, where candidate clips are kept by SHA-256 (reflinked, hard-linked or
copied, always verified) so that a recorder rotating its footage away cannot lose them
while a request is unsettled; the holds and releases recorded in the database, each
with its audit entry; and the disk budget the store keeps to."""
