"""Reports for people: terminal text, JSON, HTML."""
