"""HTTP of the storage system's features: each one offered, or missing with the reason why.

The answer is the provider's own declaration, which the provider's feature tests hold to what the
storage system really does; the console hides what is not supported and shows the reason instead.
"""

from __future__ import annotations

from dataclasses import fields

from pydantic import BaseModel, Field
from starlette.requests import Request

from coffer.api.context import wiring
from coffer.api.operations import Operation
from coffer.authorization import Action
from coffer.providers.base import Feature, StorageFeatures


class FeatureSupport(BaseModel):
    supported: bool
    why_not: str = Field(description="Why it is missing, for a person to read; empty when supported.")


class StorageFeatureList(BaseModel):
    versioning: FeatureSupport
    lifecycle: FeatureSupport
    cors: FeatureSupport
    bucket_tags: FeatureSupport
    object_tags: FeatureSupport
    object_lock: FeatureSupport
    bucket_policy: FeatureSupport
    presigned_urls: FeatureSupport
    multipart_upload: FeatureSupport


def _support(feature: Feature) -> FeatureSupport:
    return FeatureSupport(supported=feature.supported, why_not=feature.why_not)


def feature_list(features: StorageFeatures) -> StorageFeatureList:
    return StorageFeatureList(
        **{field.name: _support(getattr(features, field.name)) for field in fields(StorageFeatures)}
    )


async def get_storage_features(request: Request, body: None) -> StorageFeatureList:
    return feature_list(wiring(request).provider.features)


OPERATIONS = [
    Operation(
        "GET",
        "/api/v1/storage/features",
        "getStorageFeatures",
        "Which bucket and object features the storage system offers, and why the others are missing",
        get_storage_features,
        "storage",
        response=StorageFeatureList,
        errors=(403,),
        action=Action.BUCKETS_READ,
    ),
]
