"""The subcommands of the ``edition`` CLI, one module each.

Each module defines ``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``.
They are thin: they parse arguments, call the stage's functions and print; the logic lives in
the stage modules so that the MkDocs plugin and Python users call exactly the same code.
"""
