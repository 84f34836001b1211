"""HTML to main text and metadata with trafilatura."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import trafilatura


@dataclass(frozen=True)
class HtmlContent:
    text: str
    title: str | None
    date: str | None
    url: str | None


def extract_html(html: str) -> HtmlContent:
    """Main text (paragraphs split by blank lines), title and date of an HTML page."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    if document is None:
        return HtmlContent("", None, None, None)
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = str(data.get("text") or "")
    title = data.get("title") or None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]
    return HtmlContent(
        text="\n\n".join(lines), title=title, date=data.get("date"), url=data.get("url")
    )
