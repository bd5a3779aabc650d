"""Write docs/rules.md from the checker's rule catalogue (``yusuan rules --format markdown``).

Usage: ``.venv/bin/python scripts/gen_rules_doc.py`` (``--check`` exits 1 if the file is stale).
"""

from __future__ import annotations

import sys
from pathlib import Path

from yusuan.checks.docs import rules_markdown

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main() -> int:
    text = rules_markdown()
    if "--check" in sys.argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} 已过期：请运行 scripts/gen_rules_doc.py", file=sys.stderr)
            return 1
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"已写入 {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
