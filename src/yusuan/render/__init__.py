"""``render``: ``Disclosure`` → published formats (HTML, PDF, DOCX, XLSX) and open data (CSV, JSON).

Every renderer has the same shape: ``render(disclosure, options) -> bytes``.
"""
