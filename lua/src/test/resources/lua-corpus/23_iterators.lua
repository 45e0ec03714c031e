local function range(n, step)
  step = step or 1
  local i = 0
  return function()
    i = i + step
    if i <= n then return i end
  end
end
for v in range(5) do print("range", v) end
for v in range(10, 4) do print("step", v) end
local function stateless(t, i)
  i = i + 1
  if t[i] then return i, t[i] end
end
for i, v in stateless, {"x", "y", "z"}, 0 do print(i, v) end
local function chars(s)
  local t = {}
  return coroutine.wrap(function()
    for i = 1, 3 do coroutine.yield(i, s) end
  end)
end
for i, s in chars("q") do print(i, s) end
local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local count = 0
for p in coroutine.wrap(function() permgen({1, 2, 3, 4}) end) do
  count = count + 1
  if count <= 3 then print(p[1], p[2], p[3], p[4]) end
end
print(count)
