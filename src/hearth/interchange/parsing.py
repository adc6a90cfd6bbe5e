"""Reading a bundle's text into a document the loader can trust to be storable: valid JSON, no
nesting deeper than any bundle needs, and no string a database cannot hold."""

import json
from typing import Any

from hearth.interchange.errors import BundleError, BundleInvalid

MAX_NESTING = 40  # a bundle's deepest record is under 10 levels


def bundle_parse(text: str) -> Any:
    """Parse bundle text, turning a JSON syntax error, nesting deeper than any bundle needs, or a
    string no database can store (a lone UTF-16 surrogate) into a located bundle error."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BundleInvalid(
            [BundleError("$", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")]
        ) from exc
    except RecursionError:
        raise BundleInvalid([BundleError("$", f"nested more than {MAX_NESTING} levels deep")]) from None
    problem = _unstorable(document)
    if problem is not None:
        raise BundleInvalid([problem])
    return document


def _unstorable(document: Any) -> BundleError | None:
    """The first place the document nests too deeply or holds a lone surrogate (iteratively)."""
    pending: list[tuple[Any, str, int]] = [(document, "$", 0)]
    while pending:
        value, path, depth = pending.pop()
        if depth > MAX_NESTING:
            return BundleError(path, f"nested more than {MAX_NESTING} levels deep")
        if isinstance(value, str):
            if _lone_surrogate(value):
                return BundleError(path, "holds a character that is not valid Unicode (a lone surrogate)")
        elif isinstance(value, dict):
            pending.extend((v, f"{path}.{k}", depth + 1) for k, v in value.items())
            if any(not isinstance(k, str) or _lone_surrogate(k) for k in value):
                return BundleError(path, "has a key that is not valid Unicode (a lone surrogate)")
        elif isinstance(value, list):
            pending.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value))
    return None


def _lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
