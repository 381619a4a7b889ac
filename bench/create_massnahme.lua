-- wrk script for the write benchmark of bench/http.sh: every request creates one
-- Maßnahme through the JSON API.
--
--   POST /api/v1/werkstaetten/{id}/massnahmen     (the path comes from wrk's URL)
--   Authorization: Bearer $BENCH_TOKEN
--   {"feld_id": "$BENCH_FELD_ID", "titel": "Bench-Maßnahme", "umsetzung": "kurzfristig"}
--
-- The token and the id of a chosen field come from the environment, so the script
-- needs no arguments. Each wrk thread loads this file on its own, so the settings
-- below are made once per thread.
--
-- Besides wrk's own "Non-2xx or 3xx responses" (which only counts statuses >= 400),
-- the script counts every answer that is not "201 Created" and prints the total as
--   Not-201 responses: N
-- after wrk's summary, which bench/http.sh reads.

local token = os.getenv("BENCH_TOKEN")
local feld = os.getenv("BENCH_FELD_ID")
if not token or token == "" or not feld or feld == "" then
  error("BENCH_TOKEN and BENCH_FELD_ID must be set")
end
-- The id goes into the JSON body unescaped, so only plain id characters are allowed.
if not string.match(feld, "^[%w_-]+$") then
  error("BENCH_FELD_ID has unexpected characters: " .. feld)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.body = '{"feld_id":"' .. feld .. '","titel":"Bench-Maßnahme","umsetzung":"kurzfristig"}'

-- setup() runs in wrk's main thread once per worker thread; keep the threads so that
-- done() can add up their counters.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

-- Per-thread counter (a global of that thread's Lua state, readable with thread:get).
not201 = 0

function response(status, headers, body)
  if status ~= 201 then
    not201 = not201 + 1
  end
end

function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do
    n = n + (t:get("not201") or 0)
  end
  io.write(string.format("Not-201 responses: %d\n", n))
end
