-- wrk: GET /api/parcels, the default page of 500, following each answer's `next` cursor through the registry
-- (back to the first page at the end). LB_TOKEN: a token that reads everything. Counts 5xx per thread.
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local first = "/api/parcels"
local path = first
local headers
function init(args)
  headers = {["Authorization"] = "Bearer " .. os.getenv("LB_TOKEN")}
  fivexx = 0
  other = 0
end

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  return wrk.format("GET", path, headers)
end

function response(status, hdrs, body)
  if status >= 500 then fivexx = fivexx + 1 elseif status ~= 200 then other = other + 1 end
  -- Keys are sorted, so "next" comes before the page's parcels.
  local token = body:sub(1, 400):match('"next":"([^"]+)"')
  if token then token = token:gsub("\\/", "/") end
  path = token and (first .. "?page=" .. encode(token)) or first
end

function done(summary, latency, requests)
  local f, o = 0, 0
  for _, t in ipairs(threads) do f = f + t:get("fivexx"); o = o + t:get("other") end
  io.write(string.format("5xx: %d, other non-200: %d\n", f, o))
end
