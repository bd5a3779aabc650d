"""Reference data shipped with yusuan: table-set profiles, classification catalogues, glossary.

Pure data plus small loaders; imports nothing from the rest of yusuan but ``model``.
"""
