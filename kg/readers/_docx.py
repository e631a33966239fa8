"""Word documents (.docx, python-docx): the paragraphs and the tables in the order the
document has them, a table row as its cells joined by " | ", and the title of the
document's properties."""
from __future__ import annotations

import io
import zipfile

from . import Part, ReadError, Reader, register


def read(data: bytes, name: str) -> list[Part]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise ReadError("E015", reason=str(err) or type(err).__name__) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:  # a merged cell is given once per column it spans
                    text = " ".join(cell.text.split())
                    if not cells or text != cells[-1]:
                        cells.append(text)
                lines.append(" | ".join(cells))
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise ReadError("E005")
    title = (document.core_properties.title or "").strip() or None
    return [Part(text=text, format="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 title=title)]


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"word/" in head


READER = register(Reader("docx", (".docx",), read, sniff))
