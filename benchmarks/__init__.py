"""Benchmarks against peers, each measured in one run (`python -m benchmarks.<name>`); not tests."""
