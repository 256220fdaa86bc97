"""One module per area, each exposing `load(stdout)`; demo/loader.py runs them in order."""
