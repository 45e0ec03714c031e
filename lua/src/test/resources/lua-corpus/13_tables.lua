local t = {1, 2, 3, x = "x", ["y z"] = "yz", [10] = 10; 4}
print(t[1], t[4], t.x, t["y z"], t[10], #t)
local function three() return 1, 2, 3 end
local a = {three()}
local b = {three(), three()}
local c = {three(), 10}
local d = {(three())}
print(#a, #b, #c, #d)
local nested = {a = {b = {c = "deep"}}}
print(nested.a.b.c, nested["a"]["b"]["c"])
local u = {}
u[1] = "one"; u[2] = "two"; u[3] = "three"
print(#u, u[#u])
u[#u] = nil
print(#u)
u[1.0] = "float key"
print(u[1])
u[-0.0] = "zero"
print(u[0])
local k = {}
u[k] = "table key"
print(u[k])
u[true] = "bool"
print(u[true], u[false])
local cnt = 0
for _ in pairs({a = 1, b = 2, c = 3, 1, 2}) do cnt = cnt + 1 end
print(cnt)
print(next({}))
local one = {only = 1}
print(next(one))
print(next(one, "only"))
local arr = {}
for i = 1, 100 do arr[i] = i * i end
print(#arr, arr[50])
local sum = 0
for i, v in ipairs(arr) do sum = sum + v end
print(sum)
local x = {[1] = "a", [2] = "b", [3] = "c"}
print(#x)
local m = {n = 0}
function m.add(self, v) self.n = self.n + v return self end
function m:sub(v) self.n = self.n - v return self end
m:add(5):add(3):sub(2)
print(m.n)
local obj = {inner = {}}
function obj.inner.deep(v) return v * 2 end
function obj.inner:meth(v) return self == obj.inner, v end
print(obj.inner.deep(4), obj.inner:meth(1))
print(rawequal(t, t), rawget(t, 1), rawset(t, "new", 1) == t, t.new)
