-- wrk script: walk a list of paths, each thread its own stride, and count what came back.
--
--   wrk -t<n> -s bench/pages.lua <url> -- <paths file> <n>
--
-- Thread i (1-based) of n requests lines i, i+n, i+2n, ... so no two requests in a
-- run ask for the same path until the list wraps around (counted as `wrapped`): with one
-- distinct article per line, every request is the first render of its page. A response()
-- hook makes wrk read each body into Lua, so the reference runs (nginx, cached pages) do
-- not use this script.

local threads = {}
local created = 0

function setup(thread)
  created = created + 1
  thread:set("id", created)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  step = tonumber(args[2] or "1")
  index = (id - 1) % #paths + 1
  responses, non200, hits, misses, wrapped = 0, 0, 0, 0, 0
end

function request()
  local path = paths[index]
  index = index + step
  if index > #paths then
    index = (index - 1) % #paths + 1
    wrapped = wrapped + 1
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 then non200 = non200 + 1 end
  local cache = headers["X-Cache"] or headers["x-cache"]
  if cache == "HIT" then hits = hits + 1 elseif cache == "MISS" then misses = misses + 1 end
end

function done(summary, latency, requests)
  local total = {responses = 0, non200 = 0, hits = 0, misses = 0, wrapped = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(total) do total[name] = total[name] + (thread:get(name) or 0) end
  end
  io.write(string.format(
    "KHABAR responses=%d non200=%d hits=%d misses=%d wrapped=%d\n",
    total.responses, total.non200, total.hits, total.misses, total.wrapped
  ))
end
