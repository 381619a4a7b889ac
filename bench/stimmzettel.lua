-- wrk script for the ballot benchmark of bench/priorisierung.sh: every request casts (or
-- replaces) one participant's dot ballot,
--
--   PUT /api/v1/werkstaetten/{id}/runden/{rid}/stimmzettel   (the path comes from wrk's URL)
--   Cookie: werkstatt_sid=…                                   (the participant's session)
--   {"inhalt": {"<massnahme_id>": dots, …}}
--
-- rotating through the participants listed in the file $BENCH_ZETTEL, one per line:
-- session id, a tab, the JSON body of that participant's ballot. Each thread starts at a
-- different participant, so the same participant is often in flight on several
-- connections at once (which must still leave exactly one ballot per participant).
--
-- Besides wrk's own "Non-2xx or 3xx responses", the script counts every answer that is
-- not "200 OK" and prints the total after wrk's summary as
--   Not-200 responses: N

local path = os.getenv("BENCH_ZETTEL")
if not path or path == "" then
  error("BENCH_ZETTEL must name the file of session ids and ballots")
end

local leute = {}
for line in io.lines(path) do
  local sid, body = string.match(line, "^([^\t]+)\t(.+)$")
  if sid then
    table.insert(leute, { sid = sid, body = body })
  end
end
if #leute == 0 then
  error("no participants in " .. path)
end

local threads = {}
local nummer = 0
function setup(thread)
  nummer = nummer + 1
  thread:set("start", nummer * 7)
  table.insert(threads, thread)
end

local i = 0
function init(args)
  i = (start or 0) % #leute
end

function request()
  i = i % #leute + 1
  local p = leute[i]
  return wrk.format("PUT", nil, {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "werkstatt_sid=" .. p.sid,
  }, p.body)
end

not200 = 0

function response(status, headers, body)
  if status ~= 200 then
    not200 = not200 + 1
  end
end

function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do
    n = n + (t:get("not200") or 0)
  end
  io.write(string.format("Not-200 responses: %d\n", n))
end
