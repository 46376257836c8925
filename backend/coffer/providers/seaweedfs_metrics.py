"""SeaweedFS's Prometheus metrics, read as per-bucket traffic counters.

Measured on SeaweedFS 4.48: `SeaweedFS_s3_request_total{bucket,code,type}` counts requests by
operation (PUT, GET, DELETE, LIST, …), `SeaweedFS_s3_bucket_traffic_{received,sent}_bytes_total`
the bytes, and the histogram `SeaweedFS_s3_request_seconds{bucket,type}` the latency. Service-level
calls (ListBuckets) carry an empty bucket and belong to no account, so they are left out.
"""

from __future__ import annotations

from collections import defaultdict

from prometheus_client.parser import text_string_to_metric_families

from coffer.providers.base import OPERATIONS, BucketTraffic, TrafficReading

_REQUESTS = "SeaweedFS_s3_request"  # the parser drops `_total` from counter family names
_RECEIVED = "SeaweedFS_s3_bucket_traffic_received_bytes"
_SENT = "SeaweedFS_s3_bucket_traffic_sent_bytes"
_LATENCY = "SeaweedFS_s3_request_seconds"
_STARTED = "process_start_time_seconds"


def _operation(kind: str) -> str:
    return kind if kind in OPERATIONS else "OTHER"


def _bound(le: str) -> float:
    return float("inf") if le == "+Inf" else float(le)


def parse_traffic(text: str) -> TrafficReading:
    requests: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(OPERATIONS, 0))
    received: dict[str, int] = defaultdict(int)
    sent: dict[str, int] = defaultdict(int)
    latency_sum: dict[str, float] = defaultdict(float)
    latency_buckets: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    started_at: float | None = None
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == _STARTED:
                started_at = sample.value
            bucket = sample.labels.get("bucket", "")
            if not bucket:
                continue
            if family.name == _REQUESTS and sample.name.endswith("_total"):
                requests[bucket][_operation(sample.labels.get("type", ""))] += int(sample.value)
            elif family.name == _RECEIVED and sample.name.endswith("_total"):
                received[bucket] += int(sample.value)
            elif family.name == _SENT and sample.name.endswith("_total"):
                sent[bucket] += int(sample.value)
            elif family.name == _LATENCY and sample.name.endswith("_sum"):
                latency_sum[bucket] += sample.value
            elif family.name == _LATENCY and sample.name.endswith("_bucket"):
                latency_buckets[bucket][sample.labels["le"]] += int(sample.value)
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
