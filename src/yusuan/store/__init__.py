"""The store: disclosures, their cells, findings and publication state in SQLite or PostgreSQL.

``open_store(url)`` opens (and migrates) a database; ``repository`` reads and writes it;
``ingest`` turns files and folders into stored documents, one transaction per document.
"""

from yusuan.store.db import Store, default_url, open_store

__all__ = ["Store", "default_url", "open_store"]
