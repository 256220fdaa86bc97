from modelsearch.backends import opensearch2

from . import extend_backend

SearchBackend = extend_backend(opensearch2)
