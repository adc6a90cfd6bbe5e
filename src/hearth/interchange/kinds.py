"""Record kinds declared once: a kind's bundle fields, its JSON Schema, its export and its load all
come from one ``RecordKind`` (docs/bundle-format.md, "Declared kinds").

A kind is a flat list in the bundle (``"prescriptions": [...]``); each item has an ``id``, links to
records it belongs to (a child, a home, or an item of an earlier kind) and its own fields. Loading
calls the kind's service, so every check the pages make is made on a bundle too; an item whose id is
stored already must match it (signed records are never changed by a bundle).

The kinds themselves are listed in ``interchange/declared/``, in the order they load.
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
    derived: bool = False  # worked out by the service when missing: a missing one matches what was stored


@dataclass(frozen=True)
class Link:
    """A reference to another record: ``target`` is "child", "home", "staff" or an earlier kind's
    key (the kind's own, for a record that follows another of its kind). ``required=False``: it may
    be missing or null; ``many``: a list of ids (a many-to-many field, set after the record is saved)."""

    name: str
    target: str
    required: bool = True
    many: bool = False

    @property
    def words(self) -> str:
        target = {"child": "a child", "home": "a home", "staff": "a member of staff"}.get(self.target)
        if self.many:
            return f"list of ids of {'members of staff' if self.target == 'staff' else f'`{self.target}`'}"
        return f"id of {target or f'`{self.target}`'}"


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
            one: dict[str, Any] = {"$ref": "#/$defs/id"}
            if link.many:
                props[link.name] = {"type": "array", "items": one, "description": f"The {link.words}"}
            elif link.required:
                props[link.name] = {**one, "description": f"The {link.target.rstrip('s')} it belongs to"}
            else:
                props[link.name] = {"oneOf": [one, {"type": "null"}], "description": f"The {link.words}, if any"}
        for f in self.fields:
            props[f.name] = _field_schema(f)
        required = [
            "id",
            *(x.name for x in self.links if x.required and not x.many),
            *(f.name for f in self.fields if f.required),
        ]
        item = {"type": "object", "additionalProperties": False, "required": required, "properties": props}
        return {"type": "array", "description": self.description, "items": item}

    # --- export ---------------------------------------------------------------------------

    def export_item(self, obj: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"id": obj.bundle_id}
        for link in self.links:
            if link.many:
                out[link.name] = sorted(o.bundle_id for o in getattr(obj, link.name).all())
            else:
                target = getattr(obj, link.name)
                out[link.name] = target.bundle_id if target is not None else None
        for f in self.fields:
            out[f.name] = _export_value(f, getattr(obj, f.name))
        return out

    def export(self, home_ids: Iterable[int]) -> list[dict[str, Any]]:
        related = [x.name for x in self.links if not x.many]
        objects = (
            self.model._base_manager.filter(**{f"{self.home_lookup}__in": list(home_ids)})
            .select_related(*related)
            .prefetch_related(*(x.name for x in self.links if x.many))
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
        derived = {f.name for f in kind.fields if f.derived and item.get(f.name) is None}
        compared = {k: v for k, v in item.items() if k not in derived}
        for link in kind.links:  # a list of ids matches in any order (the export sorts it)
            if link.many and isinstance(compared.get(link.name), list):
                compared[link.name] = sorted(compared[link.name])
        if self.daily.existing(kind.model, compared, path, kind.export_item, kind.key):
            return kind.model._base_manager.get(external_id=item["id"])
        values: dict[str, Any] = {}
        for link in kind.links:
            given = item.get(link.name)
            where = f"{path}.{link.name}"
            if link.many:
                values[link.name] = [self.target(kind, link, ref, f"{where}[{n}]") for n, ref in enumerate(given or [])]
            else:
                values[link.name] = None if given is None else self.target(kind, link, given, where)
        for f in kind.fields:
            values[f.name] = self.value(f, item.get(f.name), f"{path}.{f.name}")
        if (
            any(values[x.name] is None and item.get(x.name) is not None for x in kind.links if not x.many)
            or any(None in values[x.name] for x in kind.links if x.many)
            or any(values[f.name] is None and item.get(f.name) is not None for f in kind.fields)
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
        if link.target == "staff":
            return self.daily.staff(ref_id, path)
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
            out.append(f"| `{link.name}` | {link.words} | {'yes' if link.required and not link.many else 'no'} |")
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
