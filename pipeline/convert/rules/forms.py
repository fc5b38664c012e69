"""Printed forms (the draft form `DSK (Revised Sept 85)`) told apart from tables typed in a text.

Both come as tab-separated lines. A form prints labels for its fields (`FROM:`, `TO:`,
`SECURITY CLASSIFICATION`, `Your Reference`); a table of figures or a list of those present has none.
"""

from __future__ import annotations

import re

from pipeline.convert.model import Block
from pipeline.convert.reader.inline import plain_text

FORM_LABEL = re.compile(
    r"^(?:DRAFT|FROM|TO|DEPARTMENT|BUILDING|SUBJECT|TYPE|TEL\.?\s*NO|ROOM\s*NO)\s*:|^(?:Your\s+)?Reference$|^Copies\s+to:?$"
    r"|^SECURITY\s+CLASSIFICATION$|^PRIVACY\s+MARKING$|^CAVEAT$|^DSK\b|^Enclosures\b",
    re.IGNORECASE,
)
MIN_LABELS = 2


def is_printed_form(block: Block) -> bool:
    """A tab table with at least two of a printed form's field labels."""
    labels = sum(1 for row in block.rows for cell in row if FORM_LABEL.search(plain_text(cell).strip()))
    return block.kind == "table" and labels >= MIN_LABELS
