"""The signature of an e-mail-like message, which names no target group.

* The signature of an e-mail after its closing ("Mit freundlichen Grüßen, …, Schulleiter") is
  no target group: the reader of a message reads the groups only before `signature_start`.
"""

from __future__ import annotations

import re

from bot.understanding.groups.tokens import SENTENCE

_CLOSING = re.compile(
    r"(?<![^\W\d_])(?:(?:mit\s+)?(?:freundlichen|freundliche|herzlichen|herzliche|besten|beste"
    r"|schönen|schoene|liebe|lieben|viele|vielen|sonnige)\s+grüßen?|(?:mit\s+)?freundlichem\s+gruß"
    r"|grüße\s+aus|gruß\s+aus|mfg|(?:kind|best|warm|many)\s+regards|regards|best\s+wishes"
    r"|yours\s+(?:sincerely|faithfully)|sincerely)(?![^\W\d_])",
    re.IGNORECASE,
)
"""The closing of a letter or e-mail ("Mit freundlichen Grüßen", "MfG", "Kind regards"): what
follows is the signature."""


def signature_start(text: str) -> int | None:
    """Where the signature of an e-mail-like message begins: at a closing formula after its
    first sentence ("… Mit freundlichen Grüßen, Thomas Becker, Schulleiter, Oberschule …").
    The sender's name, position and address name no target group ("Schulleiter",
    "Referentin Berufsbildung")."""
    first = SENTENCE.search(text)
    if first is None:
        return None
    closing = _CLOSING.search(text, first.end())
    return closing.start() if closing else None
