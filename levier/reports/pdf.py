"""HTML to PDF with WeasyPrint: our templates, our static files, nothing fetched."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def _local_only(url: str):
    """WeasyPrint asks for each resource; we only ever serve our own static files."""
    from weasyprint import default_url_fetcher  # late import: native libraries

    if url.startswith("file://"):
        return default_url_fetcher(url)
    raise ValueError(f"Levier's PDF reports load no external resource: {url}")


def render_pdf(template: str, context: dict, request=None) -> bytes:
    from weasyprint import HTML  # late import: native libraries, loaded for PDFs only

    html = render_to_string(template, context, request=request)
    base = finders.find("levier/levier.css")
    return HTML(string=html, base_url=base, url_fetcher=_local_only).write_pdf()
