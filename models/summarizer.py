"""TEMPORARY shim: the summarizer moved to the `models.summary` package (issue 13).

Kept only so that modules not yet switched to `models.summary` keep importing; the lead removes
this file once nothing imports `models.summarizer`.
"""

from __future__ import annotations

from models.summary import *  # noqa: F401,F403
from models.summary import __all__  # noqa: F401
