"""`python -m bench`: run the benchmarks (see `bench.cli`)."""

from bench.cli import main

if __name__ == "__main__":
    main()
