"""The core: the plans' records, their vocabularies, Hebei's units and zones, filters and checks.

Knows nothing of the web page or of file formats: ``build`` writes what the core reads, and
``export``, ``web`` and ``ui`` read the core (the import contract in pyproject.toml holds it).
"""
