from modelsearch.backends import elasticsearch7

from . import extend_backend

SearchBackend = extend_backend(elasticsearch7)
