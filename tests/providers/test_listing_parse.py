"""S3 clients keep botocore's check for an error hidden in a 200 answer where S3 hides one, and skip
it on listings, whose answer would otherwise be parsed twice."""

from __future__ import annotations

import botocore.session
import pytest

from coffer.providers.listing_parse import read_listings_once

HIDDEN_ERROR = b"<?xml version='1.0'?><Error><Code>InternalError</Code><Message>later</Message></Error>"


def _status_after_error_check(operation: str, body: bytes) -> int:
    session = botocore.session.Session()
    read_listings_once(session)
    client = session.create_client(
        "s3", region_name="us-east-1", aws_access_key_id="key", aws_secret_access_key="secret"
    )
    response = {"status_code": 200, "body": body, "headers": {}}
    client.meta.events.emit(
        f"before-parse.s3.{operation}",
        operation_model=client.meta.service_model.operation_model(operation),
        response_dict=response,
        customized_response_dict={},
    )
    return int(response["status_code"])


@pytest.mark.parametrize("operation", ["CompleteMultipartUpload", "CopyObject", "UploadPartCopy"])
def test_an_error_hidden_in_a_200_answer_is_still_found_where_s3_hides_one(operation: str) -> None:
    assert _status_after_error_check(operation, HIDDEN_ERROR) == 500  # botocore retries it as a 500


def test_a_cut_off_completion_is_still_retried() -> None:
    assert _status_after_error_check("CompleteMultipartUpload", b"<CompleteMultipartUploadResult><Loc") == 500


@pytest.mark.parametrize("operation", ["ListObjectsV2", "ListObjectVersions"])
def test_a_listing_answer_is_not_read_a_first_time_for_hidden_errors(operation: str) -> None:
    assert _status_after_error_check(operation, HIDDEN_ERROR) == 200
