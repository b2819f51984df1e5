"""HTML to PDF with WeasyPrint (fonts from the system: DejaVu covers Russian and Kazakh)."""

from __future__ import annotations

import logging


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported on first use: it takes a second to load

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # one INFO line per font table otherwise
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # "Step 7 - Adding PDF metadata"

    return HTML(string=html).write_pdf()
