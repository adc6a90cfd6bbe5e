"""The body map: areas of the body on a front and a back outline, stored as data (the area codes),
drawn as a picture for those who can see it and offered as checkboxes for everyone (a keyboard or
a screen reader chooses areas as easily as a mouse)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    code: str
    label: str
    side: str  # "front" or "back"
    x: int  # the shape on a 100 x 220 outline
    y: int
    w: int
    h: int


def _pair(code: str, label: str, side: str, x: int, y: int, w: int, h: int) -> tuple[Area, Area]:
    """Left and right of a limb. On the front the child's right is on the viewer's left."""
    right_x, left_x = (x, 100 - x - w) if side == "front" else (100 - x - w, x)
    return (
        Area(f"{side}_right_{code}", f"right {label}", side, right_x, y, w, h),
        Area(f"{side}_left_{code}", f"left {label}", side, left_x, y, w, h),
    )


AREAS: tuple[Area, ...] = (
    Area("front_head", "head and face", "front", 38, 2, 24, 26),
    Area("front_neck", "neck", "front", 43, 28, 14, 8),
    Area("front_chest", "chest", "front", 30, 36, 40, 30),
    Area("front_abdomen", "tummy", "front", 32, 66, 36, 28),
    Area("front_groin", "groin", "front", 36, 94, 28, 14),
    *_pair("arm", "upper arm", "front", 16, 38, 13, 34),
    *_pair("forearm", "forearm and wrist", "front", 12, 72, 12, 30),
    *_pair("hand", "hand", "front", 8, 102, 12, 14),
    *_pair("thigh", "thigh", "front", 33, 108, 16, 44),
    *_pair("knee", "knee", "front", 33, 152, 16, 12),
    *_pair("shin", "lower leg", "front", 34, 164, 14, 38),
    *_pair("foot", "foot", "front", 32, 202, 16, 12),
    Area("back_head", "back of the head", "back", 38, 2, 24, 26),
    Area("back_neck", "back of the neck", "back", 43, 28, 14, 8),
    Area("back_upper", "upper back", "back", 30, 36, 40, 30),
    Area("back_lower", "lower back", "back", 32, 66, 36, 28),
    Area("back_buttocks", "bottom", "back", 33, 94, 34, 14),
    *_pair("arm", "upper arm (back)", "back", 16, 38, 13, 34),
    *_pair("forearm", "forearm (back)", "back", 12, 72, 12, 30),
    *_pair("hand", "back of the hand", "back", 8, 102, 12, 14),
    *_pair("thigh", "back of the thigh", "back", 33, 108, 16, 44),
    *_pair("calf", "calf", "back", 34, 152, 14, 50),
    *_pair("heel", "heel", "back", 32, 202, 16, 12),
)
BY_CODE = {a.code: a for a in AREAS}


def describe(codes: list[str]) -> str:
    """The areas in words, front first: "front: chest, left knee; back: lower back"."""
    parts = []
    for side in ("front", "back"):
        named = [BY_CODE[c].label for c in codes if c in BY_CODE and BY_CODE[c].side == side]
        if named:
            parts.append(f"{side}: {', '.join(named)}")
    return "; ".join(parts)
