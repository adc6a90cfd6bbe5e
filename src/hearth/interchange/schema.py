"""The bundle's JSON Schema, and structural validation against it."""

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from hearth.interchange.errors import BundleError

SCHEMA_PATH = Path(__file__).parent / "schema" / "bundle-v1.schema.json"
FORMAT = "hearth.bundle"
VERSION = 1


def bundle_schema() -> dict[str, Any]:
    """The schema file, with the lists of the kinds declared in ``interchange/declared.py``."""
    from hearth.interchange.declared import KINDS

    schema = json.loads(SCHEMA_PATH.read_text())
    for kind in KINDS:
        schema["properties"][kind.key] = kind.schema()
    return schema  # type: ignore[no-any-return]


@cache
def validator() -> Draft202012Validator:
    return Draft202012Validator(bundle_schema())


def _reason(error: Any) -> str:
    if error.validator == "oneOf" and error.context:
        # Say what each alternative wanted, most specific first, rather than "is not valid under any".
        best = sorted(error.context, key=lambda e: -len(e.path))[0]
        return f"{best.message} (or another accepted form)"
    if error.validator == "additionalProperties":
        return f"{error.message}; see docs/bundle-format.md for the fields allowed here"
    return str(error.message)


def structural_errors(document: Any) -> list[BundleError]:
    """Every place the document departs from the schema, with its JSON path."""
    errors = sorted(validator().iter_errors(document), key=lambda e: (e.json_path, e.message))
    return [BundleError(e.json_path, _reason(e)) for e in errors]
