"""HTML → PDF with WeasyPrint: the one renderer every PDF of the app goes through.

Fonts come from the system (fonts-dejavu-core in the Makefile's Debian list); no
file or URL outside the document is fetched (images are inline data URIs), so a
hostile text cannot make the server reach out. Every PDF is tagged PDF/UA-1 with
the document's language.
"""

from __future__ import annotations

import time
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language


def render(template: str, context: dict[str, Any]) -> tuple[bytes, float]:
    """The PDF of ``template`` and how long rendering took (seconds).

    The template carries its own stylesheet (``<style>``, e.g. an ``include``).
    """
    # Imported here: WeasyPrint takes seconds to import, and the URLconf imports
    # every view module on the first request of each process.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Only inline data URIs: a document never fetches a file or URL.
    fetcher = URLFetcher(allowed_protocols=["data"], fail_on_errors=True)
    started = time.perf_counter()
    # No request here, so no i18n context processor: the document's language
    # (``<html lang>``, the PDF's /Lang) is the active one.
    html = render_to_string(template, {"LANGUAGE_CODE": get_language(), **context})
    document = HTML(string=html, url_fetcher=fetcher, base_url="/")
    # PDF/UA-1: tagged, so screen readers follow headings, tables and images.
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None
    return pdf, time.perf_counter() - started
