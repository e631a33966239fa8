"""The component protocol, the registry, and the run (modelled on spaCy's pipeline).

A component is a function ``Doc -> Doc`` registered with the attributes of ``Doc`` it
reads (``requires``) and adds (``assigns``)::

    @component("ward", requires=("norm", "sentences"), assigns=("mentions",))
    def find_wards(doc): ...

The fields of a mention an extractor fills in or a later component reads are declared
the same way, as ``attrs.FIELD`` (``assigns=("mentions", "attrs.parent")``,
``requires=("entities", "attrs.parent")``), each a field of ``model.Attrs``.

Components run in the order of ``stage``, and within a stage after the components that
assign what they require (then by name, for a stable order); the pipeline checks at
start-up that every requirement is assigned by an earlier component. Adding an
extractor is one new module in ``kg/extract/``: importing the package registers it.

A component that needs settings is registered as a *factory* (``factory=True``): a
function of keyword options that returns the ``Doc -> Doc`` function; the pipeline calls
it with ``options[name]`` (the learned span model takes the model's path so).
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, fields
from typing import Callable

from .errors import Errors, PipelineError
from .model import Attrs, Doc

#: Stages in running order. Extractors of mentions share one stage; one that reads the
#: others' mentions (visit) runs after them by its requirements. A learned model adds
#: what the rules missed after all of them (model), before mentions become entities.
STAGES = ("text", "segment", "mentions", "model", "resolve", "relations")


@dataclass(frozen=True)
class Component:
    name: str
    func: Callable[[Doc], Doc]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    stage: str
    factory: bool = False  # func(**options) returns the Doc -> Doc function

    def __call__(self, doc: Doc) -> Doc:
        return self.func(doc)

    def made(self, options: dict) -> "Component":
        """The component ready to run: a factory called with its ``options``."""
        if not self.factory:
            return self
        return Component(self.name, self.func(**options), self.requires, self.assigns, self.stage)


_REGISTRY: dict[str, Component] = {}


def component(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = (),
              stage: str | None = None, factory: bool = False):
    """Register a function as a pipeline component (a decorator); with ``factory``, a
    function of options that makes the component."""

    def register(func: Callable[[Doc], Doc]) -> Callable[[Doc], Doc]:
        the_stage = stage or _default_stage(assigns)
        if the_stage not in STAGES:
            raise PipelineError(f"component {name!r}: unknown stage {the_stage!r}")
        if name in _REGISTRY and _REGISTRY[name].func is not func:
            first = _REGISTRY[name].func
            raise PipelineError(Errors.E103.format(
                name=name, first=f"{first.__module__}.{first.__qualname__}",
                second=f"{func.__module__}.{func.__qualname__}"))
        _REGISTRY[name] = Component(name, func, tuple(requires), tuple(assigns), the_stage, factory)
        return func

    return register


def _default_stage(assigns: tuple[str, ...]) -> str:
    if "norm" in assigns:
        return "text"
    if "sentences" in assigns:
        return "segment"
    if "entities" in assigns:
        return "resolve"
    if "facts" in assigns:
        return "relations"
    return "mentions"


def load_components() -> dict[str, Component]:
    """Import every module that defines components, and return the registry."""
    for package in ("kg.text", "kg.extract", "kg.resolve"):
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"{package}.{info.name}")
    return dict(_REGISTRY)


def _ordered(components) -> list[Component]:
    """Stage by stage; within a stage, a component after those that assign what it
    requires; otherwise by name, so that the order is the same in every run."""
    out: list[Component] = []
    for stage in STAGES:
        todo = sorted((c for c in components if c.stage == stage), key=lambda c: c.name)
        while todo:
            ready = [c for c in todo
                     if not any(set(c.requires) & set(o.assigns) for o in todo if o is not c)]
            nxt = ready[0] if ready else todo[0]  # a cycle: fall back to the name order
            out.append(nxt)
            todo.remove(nxt)
    return out


class Pipeline:
    """An ordered, checked list of components."""

    def __init__(self, names: list[str] | None = None, options: dict[str, dict] | None = None,
                 upto: str | None = None):
        """The registered components in running order (or ``names`` in the order given),
        factories made with ``options``; with ``upto``, only the stages up to that one."""
        registry = load_components()
        options = options or {}
        if names is None:
            last = STAGES.index(upto) if upto else len(STAGES) - 1
            chosen = _ordered([c for c in registry.values() if STAGES.index(c.stage) <= last])
        else:
            unknown = [n for n in names if n not in registry]
            if unknown:
                raise PipelineError(Errors.E102.format(name=unknown[0], known=", ".join(sorted(registry))))
            chosen = [registry[n] for n in names]
        self.components: list[Component] = [c.made(options.get(c.name, {})) for c in chosen]
        self._check()

    def _check(self) -> None:
        assigned: set[str] = {"path", "text", "sha256", "source"}  # what ingest.read gives
        declared = {f.name for f in fields(Attrs)}
        for comp in self.components:
            for attr in comp.requires + comp.assigns:
                if attr.startswith("attrs.") and attr[6:] not in declared:
                    raise PipelineError(Errors.E106.format(
                        component=comp.name, attr=attr, known=", ".join(sorted(declared))))
            for attr in comp.requires:
                if attr not in assigned:
                    raise PipelineError(Errors.E101.format(
                        component=comp.name, attr=attr, assigned=", ".join(sorted(assigned))))
            assigned.update(comp.assigns)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def __call__(self, doc: Doc) -> Doc:
        for comp in self.components:
            doc = comp(doc)
        return doc
