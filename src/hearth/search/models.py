"""No models of its own: the search indexes belong to other apps' tables (indexes.py). This module
exists so that Django sends this app ``post_migrate``, which makes them (apps.py)."""
