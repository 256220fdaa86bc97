from . import load_backend

SearchBackend = load_backend("elasticsearch7")
