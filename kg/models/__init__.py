"""Trained models shipped with kg: ``spans.crfsuite`` and its ``spans.json``, written by
``kg train`` (see kg.learn). Only a model that cross-validation showed to help is shipped;
without one, builds use the rules alone."""
