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
                 publisher=found.sitename or None, published=_iso_date(found.date), elements=locate(data, text))]


#: Elements whose text is no part of what a reader sees.
_UNSEEN = {"script", "style", "noscript", "template", "head", "title", "meta", "link"}
#: The start of a line the extraction marks as an item of a list or a heading.
_MARKUP = re.compile(r"^(?:[-*•]\s+|#+\s+)")
#: How much of a line's start identifies its element.
_KEY = 60


def locate(data: bytes, text: str) -> tuple[tuple[int, str | None], ...]:
    """Where each line of the extracted ``text`` comes from in the page: for the offset at
    which the line begins, the XPath of the element its start stands in -- the line goes on
    in the element of the line before when that holds it further on (lines parted by
    ``<br>``), else it is in the first element after that one whose text holds it, taken
    down to the innermost -- or None for a line not found as written (a table row the
    extraction rebuilt)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return ()
    tree = root.getroottree()
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e.tag not in _UNSEEN
                and not any(a.tag in _UNSEEN for a in e.iterancestors())]
    index = {e: i for i, e in enumerate(elements)}
    texts = [" ".join("".join(e.itertext()).split()) for e in elements]
    out: list[tuple[int, str | None]] = []
    offset, current, pos = 0, -1, 0
    for line in text.split("\n"):
        key = _MARKUP.sub("", " ".join(line.split()))[:_KEY]
        found = None
        if key and current >= 0 and texts[current].find(key, pos) >= 0:
            found = current
        elif key:
            first = next((i for i in range(current + 1, len(texts)) if key in texts[i]), None)
            if first is None:  # the extraction moved it (a title from the page's head): anywhere
                first = next((i for i in range(len(texts)) if key in texts[i]), None)
            while first is not None:
                found = first
                first = next((index[c] for c in elements[first] if c in index and key in texts[index[c]]), None)
        if found is not None:
            pos = texts[found].find(key, pos if found == current else 0) + len(key)
            current = found
        out.append((offset, tree.getpath(elements[found]) if found is not None else None))
        offset += len(line) + 1
    return tuple(out)


def _iso_date(value: str | None) -> str | None:
    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def sniff(head: bytes) -> bool:
    return bool(_HTML_START.match(head.lstrip(b"\xef\xbb\xbf")))


READER = register(Reader("html", (".html", ".htm", ".xhtml", ".shtml"), read, sniff))
