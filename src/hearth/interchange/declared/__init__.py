"""The record kinds declared once (``interchange/kinds.py``), in the order a bundle loads them:
a kind links only to kinds above it. Adding a kind to one of these modules gives it its schema,
export and load."""

from hearth.interchange.declared import conduct, education, family, health, keywork, medicines

KINDS = (*medicines.KINDS, *keywork.KINDS, *education.KINDS, *health.KINDS, *family.KINDS, *conduct.KINDS)
