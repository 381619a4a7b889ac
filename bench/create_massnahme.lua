-- wrk script for the write benchmark of bench/http.sh: every request creates one
-- Maßnahme through the JSON API.
--
--   POST /api/v1/werkstaetten/{id}/massnahmen     (round the Werkstätten of $BENCH_ZIELE)
--   Authorization: Bearer $BENCH_TOKEN
--   {"feld_id": "…", "titel": "Bench-Maßnahme", "umsetzung": "kurzfristig"}
--
-- The token and the file of write targets come from the environment, so the script
-- needs no arguments. Each wrk thread loads this file on its own, so the settings
-- below are made once per thread.
--
-- Besides wrk's own "Non-2xx or 3xx responses" (which only counts statuses >= 400),
-- the script counts every answer that is not "201 Created" and prints the total as
--   Not-201 responses: N
-- after wrk's summary, which bench/http.sh reads.

local token = os.getenv("BENCH_TOKEN")
local ziele_datei = os.getenv("BENCH_ZIELE")
if not token or token == "" or not ziele_datei or ziele_datei == "" then
  error("BENCH_TOKEN and BENCH_ZIELE must be set")
end

-- One line "werkstatt_id feld_id" per Werkstatt (bench/schreibziele.py): a Werkstatt takes
-- a bounded number of Maßnahmen, so the requests go round the Werkstätten.
local ziele = {}
for line in io.lines(ziele_datei) do
  local w, f = string.match(line, "^([%w_-]+) ([%w_-]+)$")
  if not w then
    error("unexpected line in BENCH_ZIELE: " .. line)
  end
  table.insert(ziele, { pfad = "/api/v1/werkstaetten/" .. w .. "/massnahmen",
    body = '{"feld_id":"' .. f .. '","titel":"Bench-Maßnahme","umsetzung":"kurzfristig"}' })
end

local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
-- Each thread starts at another Werkstatt (math.random is seeded per thread state).
local naechstes = 0

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
  naechstes = math.random(#ziele)
end

function request()
  naechstes = naechstes % #ziele + 1
  local z = ziele[naechstes]
  return wrk.format("POST", z.pfad, headers, z.body)
end

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
