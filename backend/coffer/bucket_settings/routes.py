"""HTTP of bucket settings: the account's admins read and change them with their own storage credentials."""

from __future__ import annotations

from pydantic import BaseModel
from starlette.requests import Request

from coffer.api.context import service_of
from coffer.api.operations import Handler, Operation, client_ip
from coffer.api.session_guard import user_of
from coffer.authorization import Action
from coffer.bucket_settings.schemas import (
    BucketSettingsAnswer,
    CorsChange,
    CorsRuleModel,
    PolicyChange,
    SettingFeatures,
    SettingSupport,
    Tag,
    TagsChange,
    VersioningChange,
)
from coffer.bucket_settings.service import BucketSettings, BucketSettingsView
from coffer.providers.base import CorsRule, Feature
from coffer.sts.session_credentials import session_credentials


def _support(feature: Feature) -> SettingSupport:
    return SettingSupport(supported=feature.supported, why_not=feature.why_not)


def _answer(view: BucketSettingsView) -> BucketSettingsAnswer:
    features = view.features
    return BucketSettingsAnswer(
        bucket=view.bucket,
        versioning=view.versioning,
        cors=None
        if view.cors is None
        else [
            CorsRuleModel(
                allowed_origins=rule.allowed_origins,
                allowed_methods=rule.allowed_methods,
                allowed_headers=rule.allowed_headers,
                expose_headers=rule.expose_headers,
                max_age_seconds=rule.max_age_seconds,
            )
            for rule in view.cors
        ],
        tags=None if view.tags is None else [Tag(key=key, value=value) for key, value in view.tags.items()],
        object_lock=view.object_lock,
        policy=view.policy,
        features=SettingFeatures(
            versioning=_support(features.versioning),
            lifecycle=_support(features.lifecycle),
            cors=_support(features.cors),
            bucket_tags=_support(features.bucket_tags),
            object_lock=_support(features.object_lock),
            bucket_policy=_support(features.bucket_policy),
        ),
    )


def _where(request: Request) -> tuple[str, str]:
    return request.path_params["account_id"], request.path_params["bucket"]


async def get_bucket_settings(request: Request, body: None) -> BucketSettingsAnswer:
    account_id, bucket = _where(request)
    view = await service_of(request, BucketSettings).read(await session_credentials(request), account_id, bucket)
    return _answer(view)


async def set_versioning(request: Request, body: VersioningChange) -> BucketSettingsAnswer:
    account_id, bucket = _where(request)
    view = await service_of(request, BucketSettings).set_versioning(
        await session_credentials(request),
        account_id,
        bucket,
        body.status,
        user_of(request).username,
        client_ip(request),
    )
    return _answer(view)


async def set_cors(request: Request, body: CorsChange) -> BucketSettingsAnswer:
    account_id, bucket = _where(request)
    rules = [
        CorsRule(
            allowed_origins=rule.allowed_origins,
            allowed_methods=rule.allowed_methods,
            allowed_headers=rule.allowed_headers,
            expose_headers=rule.expose_headers,
            max_age_seconds=rule.max_age_seconds,
        )
        for rule in body.rules
    ]
    view = await service_of(request, BucketSettings).set_cors(
        await session_credentials(request), account_id, bucket, rules, user_of(request).username, client_ip(request)
    )
    return _answer(view)


async def set_tags(request: Request, body: TagsChange) -> BucketSettingsAnswer:
    account_id, bucket = _where(request)
    tags = {tag.key: tag.value for tag in body.tags}
    view = await service_of(request, BucketSettings).set_tags(
        await session_credentials(request), account_id, bucket, tags, user_of(request).username, client_ip(request)
    )
    return _answer(view)


async def set_policy(request: Request, body: PolicyChange) -> BucketSettingsAnswer:
    account_id, bucket = _where(request)
    view = await service_of(request, BucketSettings).set_policy(
        await session_credentials(request),
        account_id,
        bucket,
        body.document,
        user_of(request).username,
        client_ip(request),
    )
    return _answer(view)


async def delete_policy(request: Request, body: None) -> BucketSettingsAnswer:
    account_id, bucket = _where(request)
    view = await service_of(request, BucketSettings).set_policy(
        await session_credentials(request), account_id, bucket, None, user_of(request).username, client_ip(request)
    )
    return _answer(view)


TAG = "bucket settings"
_SETTINGS = "/api/v1/accounts/{account_id}/buckets/{bucket}/settings"
_CHANGE_ERRORS = (403, 404, 409, 422, 503)


def _change(
    method: str, path: str, operation_id: str, summary: str, handler: Handler, body: type[BaseModel] | None
) -> Operation:
    return Operation(
        method,
        _SETTINGS + path,
        operation_id,
        summary,
        handler,
        TAG,
        body=body,
        response=BucketSettingsAnswer,
        errors=_CHANGE_ERRORS,
        action=Action.BUCKETS_MANAGE,
        account_param="account_id",
    )


OPERATIONS = [
    Operation(
        "GET",
        _SETTINGS,
        "getBucketSettings",
        "The bucket's versioning, CORS rules, tags, object lock and policy, and which of them the storage offers",
        get_bucket_settings,
        TAG,
        response=BucketSettingsAnswer,
        errors=(403, 404, 503),
        action=Action.BUCKET_SETTINGS_READ,
        account_param="account_id",
    ),
    _change(
        "PUT",
        "/versioning",
        "setBucketVersioning",
        "Turn versioning on, or suspend it",
        set_versioning,
        VersioningChange,
    ),
    _change(
        "PUT", "/cors", "setBucketCors", "Replace the bucket's CORS rules (none removes them)", set_cors, CorsChange
    ),
    _change("PUT", "/tags", "setBucketTags", "Replace the bucket's tags (none removes them)", set_tags, TagsChange),
    _change(
        "PUT",
        "/policy",
        "setBucketPolicy",
        "Set the bucket policy; it may name only this bucket",
        set_policy,
        PolicyChange,
    ),
    _change("POST", "/policy/delete", "deleteBucketPolicy", "Remove the bucket policy", delete_policy, None),
]
