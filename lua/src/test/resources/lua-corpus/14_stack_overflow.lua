local function f() return 1 + f() end
local ok, e = pcall(f)
print(ok, e)
local depth = 0
local function g() depth = depth + 1; g() end
print(pcall(g))
print(depth > 100)
local function h(n) if n == 0 then return 0 end return 1 + h(n - 1) end
print(h(5000))
local t = setmetatable({}, {})
getmetatable(t).__index = t
print(pcall(function() return t.x end))
local mt = {}
mt.__index = function(tt, k) return tt[k] end
local r = setmetatable({}, mt)
local ok2, e2 = pcall(function() return r.x end)
print(ok2, e2)
