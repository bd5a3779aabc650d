"""``cli``: the ``yusuan`` command. Thin: parse arguments, call the library, print."""
