from modelsearch.backends import elasticsearch8

from . import extend_backend

SearchBackend = extend_backend(elasticsearch8)
