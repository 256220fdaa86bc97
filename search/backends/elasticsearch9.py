from modelsearch.backends import elasticsearch9

from . import extend_backend

SearchBackend = extend_backend(elasticsearch9)
