"""The demo neighbourhood and the synthetic video files it, the tests and the
benchmarks are made of."""
