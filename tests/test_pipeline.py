import pytest

from kg.errors import PipelineError
from kg.model import Doc
from kg.pipeline import Pipeline, _REGISTRY, component


def test_default_pipeline_runs_stages_in_order():
    names = Pipeline().names
    assert names[0] == "normalise"
    assert names.index("segment") < names.index("tokens") < names.index("organisation")
    assert names.index("entities") > max(names.index(n) for n in ("organisation", "person", "resolution",
                                                                  "place", "project", "event"))
    assert names.index("entities") < names.index("posts")


def test_a_requirement_no_earlier_component_assigns_is_refused():
    with pytest.raises(PipelineError, match=r"\[E101\].*'segment' requires 'norm'"):
        Pipeline(["segment"])


def test_an_unknown_component_is_refused():
    with pytest.raises(PipelineError, match=r"\[E102\].*'nosuch'"):
        Pipeline(["normalise", "nosuch"])


def test_a_name_registered_twice_is_refused():
    def one(doc):
        return doc

    def two(doc):
        return doc

    component("test_dup", assigns=("mentions",))(one)
    try:
        with pytest.raises(PipelineError, match=r"\[E103\]"):
            component("test_dup", assigns=("mentions",))(two)
    finally:
        del _REGISTRY["test_dup"]


def test_a_new_extractor_is_one_registration(tmp_path):
    @component("test_hello", requires=("norm", "norm_sentences"), assigns=("mentions",))
    def hello(doc: Doc) -> Doc:
        from kg.extract._base import add_mention

        i = doc.norm.text.find("Xin chào")
        if i >= 0:
            add_mention(doc, "Event", i, i + 8, name="Xin chào", key="xin chào", source="test_hello")
        return doc

    try:
        pipeline = Pipeline()
        assert "test_hello" in pipeline.names
        doc = pipeline(Doc(path=tmp_path / "a.txt", text="Xin chào Lạng Sơn.", sha256=""))
        assert any(e.name == "Xin chào" for e in doc.entities)
    finally:
        del _REGISTRY["test_hello"]


def test_a_mention_field_is_declared_or_refused():
    from kg.extract._base import make_mention
    from helpers import run

    doc = run("UBND tỉnh Bắc Giang họp.")
    with pytest.raises(TypeError):
        make_mention(doc, "Organisation", 0, 4, name="UBND", key="ubnd", source="t", no_such_field=1)

    @component("t_bad_field", requires=("entities", "attrs.no_such_field"), assigns=("facts",))
    def bad(doc):
        return doc

    try:
        with pytest.raises(PipelineError, match=r"E106.*attrs.no_such_field"):
            Pipeline(["t_bad_field"])
    finally:
        del _REGISTRY["t_bad_field"]


def test_a_reader_of_a_mention_field_runs_after_its_writer():
    names = Pipeline().names
    assert names.index("organisation") < names.index("structure")
    with pytest.raises(PipelineError, match=r"E101.*'structure' requires 'attrs.parent'"):
        Pipeline([n for n in names if n != "organisation"])
