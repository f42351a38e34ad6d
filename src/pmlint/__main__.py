"""Allow `python -m pmlint`."""

from pmlint.cli import main

main()
