"""`python -m claimstrack` is the `claimstrack` command."""

from claimstrack.cli import run

raise SystemExit(run())
