"""The base every Hearth record stands on."""

import uuid

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
