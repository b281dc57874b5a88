-- wrk script for a paced run: each connection waits PACE_MS (environment, default 20) between a
-- response and its next request, so 64 connections offer a load below saturation and the latency
-- percentiles show the proxy's own time rather than the queue wrk builds when it runs flat out.
local pace = tonumber(os.getenv("PACE_MS") or "20")
delay = function() return pace end
-- wrk script: prints the run's figures as one JSON line (latencies in microseconds). wrk counts a
-- non-2xx/3xx answer as a status error; connect/read/write errors and timeouts are transport errors.
-- An Authorization header, when given, comes from the command line (-H), as the direct baseline needs.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,' ..
    '"statusErrors":%d,"timeouts":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"meanUs":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
