"""Entry point for ``python -m paperlint``."""

from paperlint.cli import main

if __name__ == "__main__":
    main()
