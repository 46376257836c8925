"""From cumulative storage counters to per-interval figures: never negative, never counted twice."""

from __future__ import annotations

from coffer.metering.deltas import difference
from coffer.metering.resolutions import last_slots, slot_start
from coffer.metering.service import p95_seconds
from coffer.providers.base import BucketTraffic
from coffer.providers.seaweedfs_metrics import parse_traffic


def traffic(puts: int, gets: int, bytes_in: int = 0, fast: int = 0, slow: int = 0) -> BucketTraffic:
    return BucketTraffic(
        requests={"PUT": puts, "GET": gets, "DELETE": 0, "LIST": 0, "OTHER": 0},
        bytes_in=bytes_in,
        bytes_out=0,
        latency_seconds_sum=0.001 * fast + 0.5 * slow,
        latency_buckets={"0.0016": fast, "0.8192": fast + slow, "+Inf": fast + slow},
    )


def test_the_difference_of_two_readings_is_what_happened_between_them() -> None:
    delta = difference(traffic(5, 2, 500, fast=7), traffic(8, 2, 800, fast=9, slow=1), storage_restarted=False)
    assert delta.requests["PUT"] == 3 and delta.requests["GET"] == 0
    assert delta.bytes_in == 300
    assert delta.latency_buckets == {"0.0016": 2, "0.8192": 1, "+Inf": 0}


def test_after_a_storage_restart_everything_shown_is_new_and_nothing_is_negative() -> None:
    before, after = traffic(50, 40, 5000, fast=90), traffic(3, 1, 300, fast=4)
    by_counters = difference(before, after, storage_restarted=False)
    by_start_time = difference(traffic(1, 1, fast=2), traffic(9, 9, fast=18), storage_restarted=True)
    assert by_counters.requests["PUT"] == 3 and by_counters.bytes_in == 300
    assert min(by_counters.fields().values()) > 0
    assert by_start_time.requests["PUT"] == 9


def test_a_bucket_new_since_the_last_reading_counts_from_zero() -> None:
    assert difference(None, traffic(4, 1), storage_restarted=False).total_requests == 5


def test_p95_interpolates_inside_the_bucket_that_holds_it() -> None:
    assert p95_seconds({}) is None
    assert p95_seconds({"0.1": 100, "+Inf": 0}) == 0.095
    assert p95_seconds({"0.1": 90, "0.2": 10, "+Inf": 0}) == 0.15000000000000002


def test_weeks_start_on_monday_and_the_current_interval_comes_last() -> None:
    thursday_noon = 86_400 * 7 * 2800 + 86_400 * 0.5  # a Thursday, 12:00 UTC (1970-01-01 was a Thursday)
    monday = slot_start("1w", thursday_noon)
    assert (monday // 86_400 + 3) % 7 == 0  # day 0 was a Thursday, so Mondays are days 4, 11, …
    assert thursday_noon - monday == 3.5 * 86_400
    assert last_slots("10s", 1005.0, 3) == [980, 990, 1000]


def test_the_metrics_text_is_read_per_bucket_and_service_calls_are_left_out() -> None:
    text = "\n".join(
        [
            "# TYPE process_start_time_seconds gauge",
            "process_start_time_seconds 1.7e+09",
            'SeaweedFS_s3_request_total{bucket="",code="200",type="LIST"} 4',
            'SeaweedFS_s3_request_total{bucket="acme-a",code="200",type="PUT"} 2',
            'SeaweedFS_s3_request_total{bucket="acme-a",code="500",type="PUT"} 1',
            'SeaweedFS_s3_request_total{bucket="acme-a",code="200",type="COPY"} 5',
            'SeaweedFS_s3_bucket_traffic_received_bytes_total{bucket="acme-a"} 2048',
            'SeaweedFS_s3_request_seconds_bucket{bucket="acme-a",type="PUT",le="0.0016"} 2',
            'SeaweedFS_s3_request_seconds_bucket{bucket="acme-a",type="PUT",le="+Inf"} 3',
            'SeaweedFS_s3_request_seconds_sum{bucket="acme-a",type="PUT"} 0.25',
        ]
    )
    reading = parse_traffic(text)
    assert reading.started_at == 1.7e9 and set(reading.buckets) == {"acme-a"}
    traffic = reading.buckets["acme-a"]
    assert traffic.requests == {"PUT": 3, "GET": 0, "DELETE": 0, "LIST": 0, "OTHER": 5}
    assert (traffic.bytes_in, traffic.latency_seconds_sum) == (2048, 0.25)
    assert traffic.latency_buckets == {"0.0016": 2, "+Inf": 3}
