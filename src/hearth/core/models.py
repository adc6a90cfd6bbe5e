"""The base every Hearth record stands on."""

import uuid
from typing import TypeVar

from django.conf import settings
from django.db import models


class HearthModel(models.Model):
    """A record with a public id, a stable external id for bundles, who/when stamps and a version.

    ``public_id`` is what URLs carry (never the database key). ``external_id`` is the id a records
    bundle gave the record, so that loading the same bundle twice finds it again. ``version``
    rises on every change so that two people editing the same record are detected rather than
    one silently overwriting the other (design.md, convention 3).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    @property
    def bundle_id(self) -> str:
        """The id this record carries in a records bundle."""
        return self.external_id or str(self.public_id)


class ManagerReview(models.Model):
    """A manager's review of a record: who, when, and what they said. Signing is one action."""

    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_comment = models.TextField(blank=True)

    class Meta:
        abstract = True


class Approval(models.Model):
    """A manager's approval of a version: until it is given the record is a draft that may change;
    once given, the record never changes again (risk assessments, impact risk assessments)."""

    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by_name = models.CharField(max_length=200, blank=True)
    approval_comment = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_draft(self) -> bool:
        return self.approved_at is None


_M = TypeVar("_M", bound=models.Model)


class NotVoidedManager(models.Manager[_M]):
    """Records as the home counts them: a record voided as a duplicate is left out. Its own page,
    its history and the ``with_voided`` manager still show it. A record that belongs to a voidable
    one (a missing episode to its incident) subclasses this with the path to it in ``void_lookup``:
    a class attribute, so the related managers Django derives from this class keep it."""

    void_lookup = "voided_at__isnull"

    def get_queryset(self) -> models.QuerySet[_M]:
        return super().get_queryset().filter(**{self.void_lookup: True})


class Voidable(models.Model):
    """A signed record that got in twice (a double press before Hearth stopped them) is voided by
    the registered manager with a reason: never deleted (Reg 36), kept in its history and shown
    as void on its own page, but left out of queues, counts, charts and the rules."""

    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    void_reason = models.CharField(max_length=300, blank=True)

    objects = NotVoidedManager()
    with_voided = models.Manager()  # noqa: DJ012 - the second manager; the first is the default

    class Meta:
        abstract = True

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None


class Addendum(HearthModel):
    """A correction or addition to a signed record, with its own author and reason (Reg 36).

    The record it corrects stays exactly as it was written; subclasses add the link to it.
    """

    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(max_length=200)
    reason = models.CharField(max_length=300)
    text = models.TextField()

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class Submission(models.Model):
    """A form that was sent and saved: its one-time key, and where the record it made is shown.

    A form page carries a fresh key; the key is stored in the same transaction as the record the
    form makes, so a double click, a retried request or Back and Save again finds the first
    record instead of making a second (``core.submissions``). ``fingerprint`` is what was sent,
    so that a create form reloaded with a new key but sent again unchanged is recognised too.
    """

    key = models.UUIDField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500)
    fingerprint = models.CharField(max_length=64, blank=True)
    result_url = models.CharField(max_length=500)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "path", "fingerprint", "created_at"])]

    def __str__(self) -> str:
        return f"{self.path} at {self.created_at:%Y-%m-%d %H:%M}"
