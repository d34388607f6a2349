"""The hostile-input tests run the command line the way the other CLI tests do."""

from cli.conftest import cli  # noqa: F401  (the fixture, shared)
