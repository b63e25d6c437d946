"""PLOVER/CAMEO tables and the actor knowledge base: data files plus their loaders."""
