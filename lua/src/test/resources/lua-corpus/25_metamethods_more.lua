local mt = {}
mt.__call = function(self, ...) return select("#", ...), ... end
local callable = setmetatable({}, mt)
print(callable(1, 2, 3))
print(pcall(callable, "x"))
local nested = setmetatable({}, {__call = callable})
print(pcall(nested, 5))
local cc = setmetatable({}, {__concat = function(a, b) return "cc" end})
print(cc .. 1, 1 .. cc, "s" .. cc .. "t")
local lt = {__lt = function(a, b) return rawget(a, "v") < rawget(b, "v") end}
local x, y = setmetatable({v = 1}, lt), setmetatable({v = 2}, lt)
print(x < y, y < x, x <= y, y <= x, x > y, x >= y)
print(pcall(function() return x < 1 end))
local le = {__le = function() return "yes" end}
local p, q = setmetatable({}, le), setmetatable({}, le)
print(p <= q, p >= q)
local other = {__lt = function() return true end}
print(pcall(function() return x < setmetatable({}, other) end))
local ar = setmetatable({}, {__add = function(a, b) return "add" end})
print(ar + 1, 1 + ar, "2" + ar)
print(pcall(function() return ar - 1 end))
local chain = setmetatable({}, {__index = setmetatable({}, {__index = function(t, k) return k .. "?" end})})
print(chain.hello)
local ni = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v * 2) end})
ni.a = 5
ni.a = 7
print(ni.a)
local eqa = setmetatable({}, {__eq = function() return true end})
print(eqa == {}, eqa == "x", eqa ~= {})
local u = setmetatable({}, {__unm = function(a) return "neg" end})
print(-u)
