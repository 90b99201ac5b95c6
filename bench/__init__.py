"""Benchmarks of Kundfokus: speed and memory as ratios against a naive baseline.

`python -m bench` runs every measurement in `bench.cli.MEASUREMENTS` and prints a table;
`--json` prints one JSON object instead. Both sides of a measurement run in the same
invocation, each in its own process, so the ratios compare like with like on the machine
at hand. Nothing here is asserted in tests: the numbers are claims to report, not limits.
"""
