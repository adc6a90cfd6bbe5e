"""Errors a bundle can carry, each with the JSON path of the value at fault."""

from dataclasses import dataclass


@dataclass(frozen=True)
class BundleError:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class BundleInvalid(Exception):
    """The bundle was rejected; nothing from it was saved."""

    def __init__(self, errors: list[BundleError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} error(s) in bundle; nothing was saved.\n" + "\n".join(map(str, errors)))
