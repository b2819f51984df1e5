"""Subcommands of `kasip dual …`, one module per area. Each module has SUBCOMMANDS: a list of classes with
``name``, ``help``, ``add_arguments(parser)`` and ``handle(command, **options)`` (``command`` is the
management command, for its stdout and style)."""
