"""Record kinds declared once: a kind's bundle fields, its JSON Schema, its export and its load all
come from one ``RecordKind`` (docs/bundle-format.md, "Declared kinds").

A kind is a flat list in the bundle (``"prescriptions": [...]``); each item has an ``id``, links to
records it belongs to (a child, a home, or an item of an earlier kind) and its own fields. Loading
calls the kind's service, so every check the pages make is made on a bundle too; an item whose id is
stored already must match it (signed records are never changed by a bundle).

The kinds themselves are listed in ``interchange/declared.py``, in the order they load.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from hearth.interchange.errors import BundleError
from hearth.interchange.timeformat import format_datetime

TEXT, SHORT, DATE, DATETIME, NUMBER, INTEGER, BOOL, TIMES, LIST = (
    "text",
    "short",
    "date",
    "datetime",
    "number",
    "integer",
    "bool",
    "times",
    "list",  # of strings, each one of ``choices``
)


@dataclass(frozen=True)
class Field:
    """One value of an item: its name in the bundle (and the model's attribute and the service's
    argument, which share it), its type, whether it may be missing or null, and allowed values."""

    name: str
    type: str = TEXT
    required: bool = True
    choices: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Link:
    """A reference to another record: ``target`` is "child", "home" or an earlier kind's key."""

    name: str
    target: str


@dataclass(frozen=True)
class RecordKind:
    key: str  # the bundle's list, e.g. "prescriptions"
    label: str  # "prescription", in error messages
    model: Any
    links: tuple[Link, ...]
    fields: tuple[Field, ...]
    load: Callable[..., Any]  # the service (actor=, external_id=, links and fields as keyword arguments)
    home_lookup: str  # how the model reaches its home, for export: "home_id", "prescription__home_id"
    description: str = ""

    # --- schema ---------------------------------------------------------------------------

    def schema(self) -> dict[str, Any]:
        props: dict[str, Any] = {"id": {"$ref": "#/$defs/id"}}
        for link in self.links:
            props[link.name] = {"$ref": "#/$defs/id", "description": f"The {link.target.rstrip('s')} it belongs to"}
        for f in self.fields:
            props[f.name] = _field_schema(f)
        required = ["id", *(x.name for x in self.links), *(f.name for f in self.fields if f.required)]
        item = {"type": "object", "additionalProperties": False, "required": required, "properties": props}
        return {"type": "array", "description": self.description, "items": item}

    # --- export ---------------------------------------------------------------------------

    def export_item(self, obj: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"id": obj.bundle_id}
        for link in self.links:
            out[link.name] = getattr(obj, link.name).bundle_id
        for f in self.fields:
            out[f.name] = _export_value(f, getattr(obj, f.name))
        return out

    def export(self, home_ids: Iterable[int]) -> list[dict[str, Any]]:
        related = [x.name for x in self.links]
        objects = self.model._base_manager.filter(**{f"{self.home_lookup}__in": list(home_ids)}).select_related(
            *related
        )
        return sorted((self.export_item(o) for o in objects), key=lambda i: i["id"])


def _field_schema(f: Field) -> dict[str, Any]:
    base: dict[str, Any]
    if f.type == LIST:
        base = {"type": "array", "items": {"enum": list(f.choices)}}
    elif f.choices:
        base = {"enum": list(f.choices)}
    elif f.type == DATE:
        base = {"$ref": "#/$defs/date"}
    elif f.type == DATETIME:
        base = {"$ref": "#/$defs/datetime"}
    elif f.type == NUMBER:
        base = {"type": "number"}  # a service says what range it takes
    elif f.type == INTEGER:
        base = {"type": "integer", "minimum": 0}
    elif f.type == BOOL:
        base = {"type": "boolean"}
    elif f.type == TIMES:
        base = {"type": "array", "items": {"type": "string", "pattern": "^([01]\\d|2[0-3]):[0-5]\\d$"}}
    elif f.type == SHORT:
        base = {"$ref": "#/$defs/short_text"}
    else:
        base = {"$ref": "#/$defs/text"}
    if f.description:
        base = {**base, "description": f.description}
    return base if f.required else {"oneOf": [base, {"type": "null"}]}


def _export_value(f: Field, value: Any) -> Any:
    if value is None:
        return None
    if f.type == DATE:
        return value.isoformat()
    if f.type == DATETIME:
        return format_datetime(value)
    if f.type == NUMBER:
        number = Decimal(value).normalize()
        return int(number) if number == number.to_integral_value() else float(number)
    if f.type in (TIMES, LIST):
        return list(value)
    return value


@dataclass
class KindsLoader:
    """Loads the declared kinds for a bundle ``_Loader``, after everything they may link to."""

    loader: Any
    daily: Any
    loaded: dict[str, dict[str, Any]] = field(default_factory=dict)

    def run(self, doc: dict[str, Any], kinds: Iterable[RecordKind]) -> None:
        for kind in kinds:
            table = self.loaded.setdefault(kind.key, {})
            for i, item in enumerate(doc.get(kind.key, [])):
                obj = self.item(kind, item, f"$.{kind.key}[{i}]")
                if obj is not None:
                    table[item["id"]] = obj

    def item(self, kind: RecordKind, item: dict[str, Any], path: str) -> Any:
        if self.daily.existing(kind.model, item, path, kind.export_item, kind.key):
            return kind.model._base_manager.get(external_id=item["id"])
        values: dict[str, Any] = {}
        for link in kind.links:
            values[link.name] = self.target(kind, link, item[link.name], f"{path}.{link.name}")
        for f in kind.fields:
            values[f.name] = self.value(f, item.get(f.name), f"{path}.{f.name}")
        if any(values[x.name] is None for x in kind.links) or any(
            values[f.name] is None and item.get(f.name) is not None for f in kind.fields
        ):
            return None  # its error is reported already
        return self.loader.save(
            kind.key,
            path,
            lambda actor, **kw: (kind.load(actor=actor, **kw), True),
            external_id=item["id"],
            **{k: v for k, v in values.items() if v is not None},
        )

    def target(self, kind: RecordKind, link: Link, ref_id: str, path: str) -> Any:
        if link.target == "child":
            return self.daily.child(ref_id, path)
        if link.target == "home":
            return self.daily.home(ref_id, path)
        from hearth.interchange.declared import KINDS

        other = next(k for k in KINDS if k.key == link.target)
        return self.loader.ref(self.loaded.get(link.target, {}), other.model, ref_id, path, other.label)

    def value(self, f: Field, value: Any, path: str) -> Any:
        if value is None:
            return None
        if f.type == DATE:
            return self.loader.date(value, path)
        if f.type == DATETIME:
            return self.daily.when(value, path)
        if f.type == NUMBER:
            try:
                return Decimal(str(value))
            except InvalidOperation:
                self.loader.errors.append(BundleError(path, f"{value!r} is not a number"))
                return None
        return value


CHILD_AT_HOME = (Link("child", "child"), Link("home", "home"))  # most kinds belong to a child at a home


TYPE_WORDS = {
    TEXT: "text",
    SHORT: "short text",
    DATE: "date",
    DATETIME: "date-time",
    NUMBER: "number",
    INTEGER: "whole number",
    BOOL: "true or false",
    TIMES: "list of HH:MM",
    LIST: "list",
}


def kinds_markdown(kinds: Iterable[RecordKind]) -> str:
    """The declared kinds as docs/bundle-format.md shows them (``hearth bundle_kinds_doc`` writes it)."""
    out = []
    for kind in kinds:
        out += [f"### `{kind.key}`", "", kind.description, "", "| field | type | required |", "|---|---|---|"]
        out.append("| `id` | id | yes |")
        for link in kind.links:
            target = link.target if link.target in ("child", "home") else f"`{link.target}`"
            out.append(
                f"| `{link.name}` | id of a {target.rstrip('s') if link.target in ('child', 'home') else target} | yes |"
            )
        for f in kind.fields:
            kind_words = (
                f"one of {', '.join(f'`{c}`' for c in f.choices)}"
                if f.choices and f.type != LIST
                else TYPE_WORDS[f.type]
            )
            if f.type == LIST and len(f.choices) > 12:
                kind_words = (
                    "list of codes (see the body map codes below)" if f.name == "body_areas" else "list of codes"
                )
            note = f" ({f.description})" if f.description else ""
            out.append(f"| `{f.name}` | {kind_words}{note} | {'yes' if f.required else 'no (or null)'} |")
        out.append("")
    return "\n".join(out)
