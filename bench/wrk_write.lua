-- wrk script of the http_load_report_write benchmark: a mix of reads and officers' report writes.
--
-- Arguments (after `--`): the plan directory (thread-<i>.txt, written by bench.http_write:plan) and the run's tag.
-- Each thread reads its own plan: the zone leader's session cookie and API token, projects whose reports the
-- leader reads, and the report slots (officer's token, project, a day of the period) that its officers may
-- fill. Every write carries a unique marker, "BENCH <tag> t<thread>-<n>", in progress_text, and the fields
-- progress_percent and investment_done derived from n, so that a half-written row can be told.
--
-- The mix, in turn: the project list page, the report API (reads), and writes: a new report (POST, 201),
-- an update of a draft this thread created (PATCH, 200) and a submit (POST …/submit/, 200). A draft is
-- written by one connection at a time (it leaves the thread's queue while a write is in flight), so that the
-- last acknowledged marker of each report is known. Responses are told apart by their bodies.
--
-- Printed at the end: one WRK_JSON line (as wrk_report.lua), then one line per acknowledged write
-- ("ACK create|update <id> <marker> [<project> <day>]", "ACK submit <id>"), "LAST <id> <marker>",
-- "INFLIGHT <id> <marker|submit>", "SENT <marker>" for every marker sent, and "ERR <status> <body>" (at most 5
-- per thread).
local threads = {}
local count = 0

local MIX = { "list", "api", "create", "api", "update", "list", "create", "api", "submit", "api" }

function setup(thread)
  count = count + 1
  thread:set("index", count)
  table.insert(threads, thread)
end

function init(args)
  tag = args[2]
  cookie, leader = "", ""
  reads, slots = {}, {}
  for line in io.lines(args[1] .. "/thread-" .. index .. ".txt") do
    local kind, rest = line:match("^(%S+) (.*)$")
    if kind == "cookie" then
      cookie = rest
    elseif kind == "leader" then
      leader = rest
    elseif kind == "read" then
      table.insert(reads, rest)
    elseif kind == "slot" then
      local token, project, day = rest:match("^(%S+) (%S+) (%S+)$")
      table.insert(slots, { token = token, project = project, day = day })
    end
  end
  step, n, next_slot, next_read = 0, 0, 1, 1
  ready = {}      -- drafts free for the next write: {id, token}
  pending = {}    -- marker → {kind, token, project, day, id}
  inflight = {}   -- report id → marker or "submit"
  last = {}       -- report id → last acknowledged marker
  acks = {}       -- acknowledged writes, one line each
  sent = {}       -- every marker sent
  tokens = {}     -- report id → officer token (for submit answers)
  non2xx, reads_ok, errs = 0, 0, {}
  ok = { create = 0, update = 0, submit = 0, list = 0, api = 0 }
end

local function json_headers(token)
  return { ["Authorization"] = "Token " .. token, ["Content-Type"] = "application/json" }
end

local function marker_fields()
  n = n + 1
  local marker = string.format("BENCH %s t%d-%d", tag, index, n)
  return marker, n % 101, string.format("%d.%02d", n % 1000, index % 100)
end

function request()
  step = step + 1
  local kind = MIX[(step - 1) % #MIX + 1]
  if (kind == "update" or kind == "submit") and #ready == 0 then
    kind = "create"
  end
  if kind == "create" and next_slot > #slots then
    kind = (#ready > 0) and "update" or "api"
  end
  if kind == "list" then
    return wrk.format("GET", "/projects/", { ["Cookie"] = cookie })
  elseif kind == "api" then
    local project = reads[(next_read - 1) % #reads + 1]
    next_read = next_read + 1
    return wrk.format("GET", "/api/reports/?project=" .. project, { ["Authorization"] = "Token " .. leader })
  elseif kind == "create" then
    local slot = slots[next_slot]
    next_slot = next_slot + 1
    local marker, percent, money = marker_fields()
    pending[marker] = { kind = "create", token = slot.token, project = slot.project, day = slot.day }
    table.insert(sent, marker)
    local body = string.format(
      '{"project": %s, "period": "%s", "progress_text": "主体施工，%s", "progress_percent": %d, ' ..
      '"investment_done": "%s", "problems": "无"}', slot.project, slot.day, marker, percent, money)
    return wrk.format("POST", "/api/reports/", json_headers(slot.token), body)
  end
  local draft = table.remove(ready, 1)
  if kind == "submit" then
    inflight[draft.id] = "submit"
    return wrk.format("POST", "/api/reports/" .. draft.id .. "/submit/", json_headers(draft.token), "{}")
  end
  local marker, percent, money = marker_fields()
  pending[marker] = { kind = "update", token = draft.token, id = draft.id }
  inflight[draft.id] = marker
  table.insert(sent, marker)
  local body = string.format(
    '{"progress_text": "主体施工，%s", "progress_percent": %d, "investment_done": "%s"}', marker, percent, money)
  return wrk.format("PATCH", "/api/reports/" .. draft.id .. "/", json_headers(draft.token), body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if #errs < 5 then
      table.insert(errs, status .. " " .. string.sub(string.gsub(body or "", "%s+", " "), 1, 300))
    end
    return
  end
  local id = body:match('^{"id":(%d+),')
  if id == nil then
    if body:match('^{"count"') then ok.api = ok.api + 1 else ok.list = ok.list + 1 end
    return
  end
  id = tonumber(id)
  local marker = body:match('"progress_text":"[^"]-(BENCH [^"]+)"')
  if body:match('"status":"submitted"') and inflight[id] == "submit" then
    inflight[id] = nil
    ok.submit = ok.submit + 1
    table.insert(acks, "ACK submit " .. id)
    return
  end
  local write = marker and pending[marker]
  if write == nil then
    non2xx = non2xx + 1  -- a 2xx answer that is none of ours: counted as an error
    if #errs < 5 then table.insert(errs, status .. " unexpected " .. string.sub(body, 1, 300)) end
    return
  end
  pending[marker] = nil
  ok[write.kind] = ok[write.kind] + 1
  if write.kind == "create" then
    table.insert(acks, string.format("ACK create %d %s %s %s", id, marker, write.project, write.day))
  else
    inflight[id] = nil
    table.insert(acks, string.format("ACK update %d %s", id, marker))
  end
  last[id] = marker
  table.insert(ready, { id = id, token = write.token })
end

function done(summary, latency, requests)
  local bad = 0
  local lines = {}
  local kinds = { create = 0, update = 0, submit = 0, list = 0, api = 0 }
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    for kind, value in pairs(thread:get("ok")) do kinds[kind] = kinds[kind] + value end
    for _, line in ipairs(thread:get("acks")) do table.insert(lines, line) end
    for id, marker in pairs(thread:get("last")) do table.insert(lines, "LAST " .. id .. " " .. marker) end
    for id, what in pairs(thread:get("inflight")) do table.insert(lines, "INFLIGHT " .. id .. " " .. what) end
    for _, marker in ipairs(thread:get("sent")) do table.insert(lines, "SENT " .. marker) end
    for _, err in ipairs(thread:get("errs")) do table.insert(lines, "ERR " .. err) end
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "mean_us": %.1f, ' ..
    '"non2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, ' ..
    '"ok_list": %d, "ok_api": %d, "ok_create": %d, "ok_update": %d, "ok_submit": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean,
    bad, e.connect, e.read, e.write, e.timeout, kinds.list, kinds.api, kinds.create, kinds.update, kinds.submit))
  for _, line in ipairs(lines) do io.write(line .. "\n") end
end
