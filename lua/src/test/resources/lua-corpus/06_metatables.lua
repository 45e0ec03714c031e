local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__sub = function(a, b) return setmetatable({x = a.x - b.x}, V) end
V.__mul = function(a, b) if type(b) == "number" then return setmetatable({x = a.x * b}, V) end return a.x * b.x end
V.__div = function(a, b) return "div" end
V.__mod = function(a, b) return "mod" end
V.__pow = function(a, b) return "pow" end
V.__unm = function(a) return setmetatable({x = -a.x}, V) end
V.__concat = function(a, b)
  local ax = type(a) == "table" and a.x or a
  local bx = type(b) == "table" and b.x or b
  return "V(" .. tostring(ax) .. ".." .. tostring(bx) .. ")"
end
V.__eq = function(a, b) return a.x == b.x end
V.__lt = function(a, b) return a.x < b.x end
V.__le = function(a, b) return a.x <= b.x end
V.__tostring = function(v) return "V" .. v.x end
V.__call = function(self, y) return self.x + y end
function V.new(x) return setmetatable({x = x}, V) end
function V:get() return self.x end
local a, b = V.new(3), V.new(4)
print(tostring(a + b), tostring(a - b), tostring(a * 2), a * b, a / b, a % b, a ^ b, tostring(-a))
print(a .. b, a .. "s", "s" .. a, 1 .. a, a .. 1 .. 2)
print(a == b, a == V.new(3), a ~= V.new(3), a < b, a <= b, a > b, a >= b)
print(a(10), a:get(), V.new(7):get())
print(a, b)
local log = {}
local proxy = setmetatable({}, {
  __index = function(t, k) log[#log + 1] = "get " .. tostring(k); return k .. "!" end,
  __newindex = function(t, k, v) log[#log + 1] = "set " .. tostring(k); rawset(t, k, v) end,
})
print(proxy.foo, proxy[1])
proxy.bar = 5
proxy.bar = 6
print(proxy.bar, rawget(proxy, "foo"))
for _, l in ipairs(log) do print(l) end
local base = {greet = function() return "hi" end, val = 1}
local mid = setmetatable({}, {__index = base})
local top = setmetatable({}, {__index = mid})
print(top.greet(), top.val, top.none)
local store = {}
local w = setmetatable({}, {__newindex = store})
w.a = 1
print(rawget(w, "a"), store.a)
local prot = setmetatable({}, {__metatable = "locked"})
print(getmetatable(prot))
print(pcall(setmetatable, prot, {}))
print(getmetatable(1), getmetatable({}))
local t1 = setmetatable({}, {__eq = function() return true end})
local t2 = setmetatable({}, {__eq = function() return true end})
print(t1 == t2, t1 == t1, rawequal(t1, t2))
local e = {}
local mt = {__eq = function() return true end}
local t3, t4 = setmetatable({}, mt), setmetatable({}, mt)
print(t3 == t4, t3 == 1)
print(pcall(function() return {} < {} end))
print(pcall(function() return t3 < t4 end))
local lt = {__lt = function(a, b) return true end}
local l1, l2 = setmetatable({}, lt), setmetatable({}, lt)
print(l1 < l2, l1 <= l2, l1 > l2)
print(rawequal("a", "a"), rawequal(1, 1.0), rawequal({}, {}))
local cnt = setmetatable({}, {__index = function(t, k) return k * 2 end})
print(cnt[21], cnt[0.5])
print(#setmetatable({1, 2, 3}, {__len = function() return 99 end}))
