"""`python -m claimstrack` is the `claimstrack` command."""

from claimstrack.cli import program

program()
