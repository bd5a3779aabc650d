"""``derive``: a department's source folder (``budget.yaml`` + tables or line items) → ``Disclosure``."""
