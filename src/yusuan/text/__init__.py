"""Text handling for Chinese documents: normalisation keys, repair of broken cell text, numbers."""
