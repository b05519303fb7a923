"""Benchmark support for leerkring.composition: cohorts, exact reference, runner."""
