"""What the tests and the benchmarks share: the kiosk as a process, display servers, the soak,
and copies of the content. Both import it; the benchmarks never import ``tests``. Not part of
the installed kiosk (pyproject.toml packages only ``kiosk``).
"""
