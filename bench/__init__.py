"""Benchmarks: synthetic data trees of known sizes (see bench.generate)."""
