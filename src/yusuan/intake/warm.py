"""What a fork server loads once for every process it starts: imported (``PRELOAD`` of
``guard`` and ``parallel``), it imports every rule module and reads the table profiles and
the classification and income catalogues into their caches, so a worker or a reader's
limited child forked from the server starts with them instead of reading the same YAML and
CSV files again for each document.

Importing this module is its whole use: ``warm()`` runs on import.
"""

from __future__ import annotations

import yusuan.checks.catalogue  # noqa: F401  (every rule module, imported once)
from yusuan.model.profiles import available_profiles, load_profile
from yusuan.reference.classification import KINDS, catalogue, correspondence_dept_to_gov
from yusuan.reference.income import income_items


def warm() -> None:
    """Every profile and catalogue in its cache (each is read once per process)."""
    for profile in available_profiles():
        load_profile(profile)
    for kind in KINDS:
        catalogue(kind)
    income_items()
    correspondence_dept_to_gov("301", 2024)  # reads the whole correspondence table


warm()
