"""HTML pages: the main text by trafilatura (navigation, related-link lists, comments and
footers dropped), and the title, canonical URL, site name and publication date from the
page's metadata. A page whose main text trafilatura cannot find is an error, not an empty
document."""
from __future__ import annotations

import re
from functools import cache

from . import Part, ReadError, Reader, register

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
                         re.IGNORECASE | re.DOTALL)


@cache
def _config():
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no SIGALRM: kg may read in a worker thread
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")  # a short notice is a document too
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config


def read(data: bytes, name: str, url: str | None = None) -> list[Part]:
    import trafilatura

    found = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        include_links=False, favor_recall=True, config=_config(),
        date_extraction_params={"extensive_search": False, "original_date": True})
    text = (found.text if found is not None else "") or ""
    if not text.strip():
        raise ReadError("E011")
    return [Part(text=text, format="text/html", title=found.title or None, url=found.url or url or None,
                 publisher=found.sitename or None, published=_iso_date(found.date))]


def _iso_date(value: str | None) -> str | None:
    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def sniff(head: bytes) -> bool:
    return bool(_HTML_START.match(head.lstrip(b"\xef\xbb\xbf")))


READER = register(Reader("html", (".html", ".htm", ".xhtml", ".shtml"), read, sniff))
