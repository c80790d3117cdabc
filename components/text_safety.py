"""Making article text inert wherever the page shows it.

Article text is untrusted: it is escaped before any markup is added around it, and Unicode
direction overrides are shown as code points, so neither HTML nor reordering tricks survive.
"""

from __future__ import annotations

import html
import re

# Bidirectional controls could visually reorder the page around them; show them as code points.
_BIDI_CONTROLS = {chr(c) for c in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F)}


def safe_text(text: str) -> str:
    """Escape HTML and neutralise direction overrides so article text stays inert and in order."""
    if any(ch in _BIDI_CONTROLS for ch in text):
        text = "".join(f"[U+{ord(ch):04X}]" if ch in _BIDI_CONTROLS else ch for ch in text)
    return html.escape(text, quote=True)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}()#+\-.!|~<>$])")


def markdown_literal(text: str) -> str:
    """Text from an article (an actor's name, a topic) to put inside st.markdown: every
    Markdown and HTML character escaped, so a name like "[x](javascript:...)" stays words."""
    text = "".join(f"[U+{ord(ch):04X}]" if ch in _BIDI_CONTROLS else ch for ch in text)
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
