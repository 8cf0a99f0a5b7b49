"""The JSON Schemas of the materials an editor writes (read by :mod:`edition.yamlfile`)."""
