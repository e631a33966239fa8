"""Everything that knows RDF: vocabulary, identifiers, and the emission of quads."""
