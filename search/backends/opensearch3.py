from modelsearch.backends import opensearch3

from . import extend_backend

SearchBackend = extend_backend(opensearch3)
