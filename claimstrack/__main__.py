"""The `claimstrack` program: `python -m claimstrack`, and the console script (`main`).

The command's modules load inside the guard, which takes most of a second on a busy machine: a
Ctrl-C then ends the program as one later does (`claimstrack.cli.main`), with one line and
exit code 130, not a traceback. Importing the package first loads nothing (its public names
load on first use), so the guard covers all but the interpreter's own start. Once loaded, the
command runs as `claimstrack.cli.program` (the process ends with it).
"""

import sys

#: The exit code of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
EXIT_INTERRUPTED = 130


def main() -> int:
    """Run the `claimstrack` command line; the process ends with it (its exit code)."""
    try:
        from claimstrack.cli import program
    except KeyboardInterrupt:
        print("claimstrack: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return program()


if __name__ == "__main__":
    raise SystemExit(main())
