"""Synthetic data at scale, for benchmarks and scale tests only (see `generate`).

A plain package, not an app: the `gen_data` command lives in `wuji.demo`.
"""
