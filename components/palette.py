"""One palette for the whole page, chosen to be readable for colour-blind readers.

Favor / against use the Okabe-Ito blue and vermillion pair (distinct under deuteranopia,
protanopia and tritanopia) and neutral a mid grey; every chart, the highlighted article and the
legend read from here, so a colour means the same thing everywhere.
"""

from __future__ import annotations

STANCE_COLORS: dict[str, str] = {
    "favor": "#0072B2",
    "against": "#D55E00",
    "neutral": "#8C8C8C",
}

# Okabe-Ito without the two stance colours, for telling speakers apart.
SPEAKER_COLORS: tuple[str, ...] = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#CC79A7", "#000000")
UNATTRIBUTED = "(unattributed)"


def speaker_color(index: int) -> str:
    return SPEAKER_COLORS[index % len(SPEAKER_COLORS)]


def hex_to_rgba(color: str, alpha: float) -> str:
    """Translucent fills keep highlighted text readable in both light and dark themes."""
    color = color.lstrip("#")
    r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
