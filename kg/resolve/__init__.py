"""Resolution: mentions to entities, within a document and across the corpus."""
