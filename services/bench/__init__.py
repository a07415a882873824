"""Measuring code for `claimwatch bench`: throughput and memory, no I/O of its own."""
