"""yusuan (预算): build, parse, check and publish department budget disclosures (部门预算公开)."""

__version__ = "0.1.0"
