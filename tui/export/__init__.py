"""``podium export``: a deck as one HTML file, a PDF, or one SVG per slide.

Imported only by ``podium export`` (the export libraries, fpdf2 and
fontTools, only by the format that needs them). Every format shows each
slide complete (every reveal step), each poll with its stored results when
there is a store, else its options; ``--handout`` (HTML and PDF) adds the
speaker notes, the poll results and the rehearsed times beside each slide.

Modules: :mod:`~tui.export.palette` (theme colours as hex),
:mod:`~tui.export.sources` (what the stores say: poll results, rehearsal
times), :mod:`~tui.export.words` (what every format says in words),
:mod:`~tui.export.markdown_html` (Markdown as safe HTML),
:mod:`~tui.export.html` and :mod:`~tui.export.html_assets` (the web page),
:mod:`~tui.export.pdf`, :mod:`~tui.export.pdf_doc` and
:mod:`~tui.export.pdf_parts` (the PDF), :mod:`~tui.export.svg` (the
terminal as SVG) and :mod:`~tui.export.files` (writing files whole).
``fonts/`` holds the DejaVu fonts the PDF and SVGs embed (``fonts/LICENSE``).
"""

from __future__ import annotations

FORMATS = ("html", "pdf", "svg")
"""What ``podium export --format`` writes."""
