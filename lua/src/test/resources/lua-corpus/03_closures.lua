local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c2(), c1())
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
local gs = {}
for _, v in ipairs({"a", "b", "c"}) do gs[#gs + 1] = function() return v end end
print(gs[1](), gs[2](), gs[3]())
local hs = {}
local j = 0
while j < 3 do
  j = j + 1
  local k = j * 10
  hs[j] = function() k = k + 1; return k end
end
print(hs[1](), hs[1](), hs[2](), hs[3]())
local shared
do
  local x = 5
  local function get() return x end
  local function set(v) x = v end
  shared = {get = get, set = set}
end
shared.set(42)
print(shared.get())
local function outer()
  local a = 1
  local function mid()
    local b = 2
    return function() a = a + 1; b = b + 1; return a + b end
  end
  return mid(), function() return a end
end
local f, g = outer()
print(f(), f(), g())
local rs = {}
local i = 1
repeat
  local v = i
  rs[i] = function() return v end
  i = i + 1
until v >= 3
print(rs[1](), rs[2](), rs[3]())
local function rec(n) if n == 0 then return 0 end return n + rec(n - 1) end
print(rec(100))
