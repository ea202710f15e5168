-- wrk: POST /api/match with a demand for 40-60 mu within 20 km of a random point of the synthetic registry's
-- extent (bench-query's first query, through the matcher and HTTP). LB_TOKEN: an officer's token;
-- LB_HALF_KM: half the extent's side; LB_QUERY: more of the query ("&near_misses=false").
-- Counts 5xx answers per thread and prints them at the end.
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local token, half, path
function init(args)
  path = "/api/match?limit=10" .. (os.getenv("LB_QUERY") or "")
  math.randomseed(os.time() * 100 + id)
  token = os.getenv("LB_TOKEN")
  half = tonumber(os.getenv("LB_HALF_KM") or "150")
  fivexx = 0
  other = 0
end

function request()
  local dlat = half / 110.95
  local dlon = half / (111.32 * math.cos(math.rad(27.8)))
  local lon = 114.93 + (math.random() * 2 - 1) * dlon
  local lat = 27.80 + (math.random() * 2 - 1) * dlat
  local body = string.format('{"id":"B","land_mu":{"min":40,"max":60},"near":{"lon":%.6f,"lat":%.6f,"max_km":20}}', lon, lat)
  return wrk.format("POST", path, {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status >= 500 then fivexx = fivexx + 1 elseif status ~= 200 then other = other + 1 end
end

function done(summary, latency, requests)
  local f, o = 0, 0
  for _, t in ipairs(threads) do f = f + t:get("fivexx"); o = o + t:get("other") end
  io.write(string.format("5xx: %d, other non-200: %d\n", f, o))
end
