"""SeaweedFS's Prometheus metrics, read as per-bucket traffic counters.

Measured on SeaweedFS 4.48: `SeaweedFS_s3_request_total{bucket,code,type}` counts requests by
operation (PUT, GET, DELETE, LIST, …), `SeaweedFS_s3_bucket_traffic_{received,sent}_bytes_total`
the bytes, and the histogram `SeaweedFS_s3_request_seconds{bucket,type}` the latency. Service-level
calls (ListBuckets) carry an empty bucket and belong to no account, so they are left out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from coffer.providers.base import OPERATIONS, BucketTraffic, TrafficReading

_REQUESTS = "SeaweedFS_s3_request_total"
_RECEIVED = "SeaweedFS_s3_bucket_traffic_received_bytes_total"
_SENT = "SeaweedFS_s3_bucket_traffic_sent_bytes_total"
_LATENCY_SUM = "SeaweedFS_s3_request_seconds_sum"
_LATENCY_BUCKET = "SeaweedFS_s3_request_seconds_bucket"
_STARTED = "process_start_time_seconds"
_WANTED = (_REQUESTS, _RECEIVED, _SENT, _LATENCY_SUM, _LATENCY_BUCKET, _STARTED)
_LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def _operation(kind: str) -> str:
    return kind if kind in OPERATIONS else "OTHER"


def _bound(le: str) -> float:
    return float("inf") if le == "+Inf" else float(le)


def _samples(text: str) -> Iterator[tuple[str, dict[str, str], float]]:
    """The samples of the families metering reads, from the text exposition format. A reading of 1,000
    buckets is some 30,000 lines; a general parser spends most of a 10 s cycle on them, this one little."""
    for line in text.splitlines():
        if not line.startswith(_WANTED):
            continue
        name, brace, rest = line.partition("{")
        if brace:
            labels_text, _, value_text = rest.rpartition("}")
            labels = dict(_LABEL.findall(labels_text))
        else:
            name, _, value_text = line.partition(" ")
            labels = {}
        yield name.strip(), labels, float(value_text.split()[0])


def parse_traffic(text: str) -> TrafficReading:
    requests: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(OPERATIONS, 0))
    received: dict[str, int] = defaultdict(int)
    sent: dict[str, int] = defaultdict(int)
    latency_sum: dict[str, float] = defaultdict(float)
    latency_buckets: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    started_at: float | None = None
    for name, labels, value in _samples(text):
        if name == _STARTED:
            started_at = value
            continue
        bucket = labels.get("bucket", "")
        if not bucket:
            continue
        if name == _REQUESTS:
            requests[bucket][_operation(labels.get("type", ""))] += int(value)
        elif name == _RECEIVED:
            received[bucket] += int(value)
        elif name == _SENT:
            sent[bucket] += int(value)
        elif name == _LATENCY_SUM:
            latency_sum[bucket] += value
        elif name == _LATENCY_BUCKET:
            latency_buckets[bucket][labels["le"]] += int(value)
    buckets = set(requests) | set(received) | set(sent) | set(latency_buckets)
    return TrafficReading(
        started_at=started_at,
        buckets={
            bucket: BucketTraffic(
                requests=dict(requests[bucket]),
                bytes_in=received[bucket],
                bytes_out=sent[bucket],
                latency_seconds_sum=latency_sum[bucket],
                latency_buckets=dict(sorted(latency_buckets[bucket].items(), key=lambda item: _bound(item[0]))),
            )
            for bucket in buckets
        },
    )
