"""``narrative``: tables + context → the document's prose (Part 1 paragraphs, Part 3 sections)."""
