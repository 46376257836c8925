"""Listings read once: botocore parses every S3 answer's XML twice, first only to look for an error
hidden in a 200 answer, then for its content.

S3 hides errors in a 200 answer only where it streams a long-running result: AWS documents it for
CopyObject, UploadPartCopy and CompleteMultipartUpload, which keep the check. A listing never does,
and for a page of 1,000 keys the first read is about a sixth of the BFF's work on it (py-spy on P7);
a listing cut short still fails, in the parser, instead of being retried.
"""

from __future__ import annotations

from typing import Any

import botocore.handlers
import botocore.session

# botocore's own check; private, so its stubs do not name it.
_handle_200_error = botocore.handlers._handle_200_error  # type: ignore[attr-defined]

LISTINGS = frozenset({"ListObjectsV2", "ListObjectVersions"})


def _error_check_except_listings(operation_model: Any, response_dict: Any, **kwargs: Any) -> None:
    if operation_model.name not in LISTINGS:
        _handle_200_error(operation_model, response_dict, **kwargs)


def read_listings_once(session: botocore.session.Session) -> None:
    """Every S3 client made from `session` from now on parses a listing's answer only once."""
    events = session.get_component("event_emitter")
    events.unregister("before-parse.s3.*", _handle_200_error)
    events.register_first("before-parse.s3.*", _error_check_except_listings)
