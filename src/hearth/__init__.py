"""Hearth: records, safeguarding and compliance for children's homes in England."""
