-- wrk script for bench/run.sh: POSTs a JSON body template, filling per request
--   __CUSTOMER__  a random demo customer id (C00001 .. C<CUSTOMERS>)
--   __KEY__       a unique idempotency key (thread, counter)
--   __AFTER__     a random page cursor from CURSORS_FILE (null for the first page)
-- Counts responses whose JSON carries GraphQL or payload errors ("errors":[{), and with RATE set, paces each
-- connection so that all of them together send about RATE requests per second (wrk's delay()).
-- At the end it prints one JSON line with throughput, latency percentiles and errors.

local body_template = assert(io.open(os.getenv("BODY_FILE"))):read("*a")
local customers = tonumber(os.getenv("CUSTOMERS") or "1000")
local rate = tonumber(os.getenv("RATE") or "0")
local connections = tonumber(os.getenv("CONNECTIONS") or "1")
local cursors = {}
if os.getenv("CURSORS_FILE") then
  for line in io.lines(os.getenv("CURSORS_FILE")) do cursors[#cursors + 1] = line end
end

wrk.method = "POST"
wrk.path = os.getenv("REQUEST_PATH") or "/graphql"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
wrk.headers["X-Api-Key"] = os.getenv("BENCH_API_KEY")

local threads = {}
function setup(thread)
  thread:set("thread_id", #threads + 1)
  threads[#threads + 1] = thread
end

local counter = 0
local graphql_errors = 0
local seeded = false

function request()
  if not seeded then
    math.randomseed(os.time() * 1000 + (thread_id or 0))
    seeded = true
  end
  counter = counter + 1
  local body = body_template
    :gsub("__CUSTOMER__", string.format("C%05d", math.random(1, customers)))
    :gsub("__KEY__", string.format("bench-%d-%d-%d", os.time(), thread_id or 0, counter))
  if #cursors > 0 then
    local cursor = cursors[math.random(1, #cursors)]
    body = body:gsub("__AFTER__", cursor == "" and "null" or ('"' .. cursor .. '"'))
  end
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if body and body:find('"errors":%[{') then graphql_errors = graphql_errors + 1 end
end

if rate > 0 then
  local gap_ms = connections * 1000 / rate
  function delay() return gap_ms end
end

function done(summary, latency, requests)
  local errors = 0
  for _, thread in ipairs(threads) do errors = errors + (thread:get("graphql_errors") or 0) end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_s":%.3f,"rps":%.1f,"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"socket_errors":%d,"status_errors":%d,"timeouts":%d,"graphql_errors":%d,"bytes":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write, e.status, e.timeout, errors, summary.bytes))
end
