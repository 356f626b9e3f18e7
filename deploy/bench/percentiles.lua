-- wrk: print p50/p95/p99 latency (ms) in a line the bench parses (wrk --latency prints no p95).
done = function(summary, latency, requests)
  io.write(string.format("SEN-PERCENTILES %.3f %.3f %.3f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
