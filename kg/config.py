"""Settings and the places of the project's data files."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .rdf.vocab import DEFAULT_BASE_IRI

#: The repository root, where ontology/, shapes/ and corpus/ live (an editable install).
ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = ROOT / "ontology" / "kg.ttl"
DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUT = Path("out")
#: The span model that ships in the package (kg/learn; rebuilt by ``kg train``).
DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "spans.crfsuite"
#: The longest document kg reads, in characters (code points): time and memory grow with a
#: document's length (about 15 s and 0.5 GB per million characters), so a longer one is
#: refused with a clear error (E021) rather than left to exhaust the machine.
MAX_CHARACTERS = 1_000_000
#: The SHACL engines (kg.validate): kg's own on Oxigraph (the default), and pySHACL, slower,
#: giving the same report, to cross-check.
SHACL_ENGINES = ("oxigraph", "pyshacl")


@dataclass(frozen=True)
class Settings:
    base_iri: str = DEFAULT_BASE_IRI
    ontology: Path = ONTOLOGY_FILE
    shapes: Path | None = None  # SHACL shapes: a .ttl file or a directory (None: shapes/)
    validate: bool = True  # validate what is built; facts that violate a shape are quarantined
    strict: bool = False  # any violation fails the build instead
    shacl_engine: str = "oxigraph"  # one of SHACL_ENGINES
    fail_fast: bool = False  # stop reading at the first document that cannot be built
    max_characters: int = MAX_CHARACTERS  # a longer document is refused (E021)
    workers: int | None = None  # processes that read and extract documents (None: one per core for large inputs)
    # the learned span model (kg/models/spans.crfsuite, rebuilt by kg train); None: rules only
    model: Path | None = field(default_factory=lambda: DEFAULT_MODEL if DEFAULT_MODEL.exists() else None)
