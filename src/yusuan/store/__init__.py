"""The store: disclosures, their cells, findings and publication state in SQLite or PostgreSQL.

``open_store(url)`` opens (and migrates) a database; ``repository`` reads and writes it;
``ingest`` stores documents, one transaction each (reading and checking them is
``yusuan.intake``'s).
"""

from yusuan.store.db import Store, default_url, open_store

__all__ = ["Store", "default_url", "open_store"]
