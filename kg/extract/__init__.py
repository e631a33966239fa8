"""Extractors: one module per entity type, plus relations.

Every public module of this package is imported by the pipeline and registers its
components with ``@component``; adding an extractor is adding a module here.
"""
