"""Uploads refused early: a request body larger than any Hearth form accepts is refused from its
declared length, before it is read, and a file is checked by its first bytes, not its name."""

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

TOO_LARGE_FLAG = "hearth_upload_too_large"

# What a file's first bytes are for each kind Hearth stores.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


class RefuseOversizeUploadHandler(FileUploadHandler):
    """First of ``FILE_UPLOAD_HANDLERS``: stop reading a request larger than
    ``HEARTH_MAX_UPLOAD_BYTES``, whether it says so (Content-Length) or only shows it as it
    arrives, and flag the request so the form can say why (``core.http.form_page``)."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.received = 0
        self.too_large = False

    def _flag(self) -> None:
        self.too_large = True
        if self.request is not None:
            setattr(self.request, TOO_LARGE_FLAG, True)

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: Any = None
    ) -> None:
        if content_length > settings.HEARTH_MAX_UPLOAD_BYTES:
            self._flag()  # refused at the first file, before a byte of it is read

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.too_large:
            raise StopUpload(connection_reset=True)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.HEARTH_MAX_UPLOAD_BYTES:
            self._flag()
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def looks_like(upload: Any, kind: str) -> bool:
    """Whether the uploaded file's first bytes are those of ``kind`` (pdf, jpg, jpeg, png)."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    return any(head.startswith(sig) for sig in SIGNATURES.get(kind, ()))


def size_in_words(n: int) -> str:
    """A size as people say it: 21 MB, 64 KB."""
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"
