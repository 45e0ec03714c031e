local function make()
  local v = 0
  local co = coroutine.wrap(function()
    while true do v = v + 1; coroutine.yield(v) end
  end)
  return co, function() return v end
end
local step, peek = make()
print(step(), step(), peek())
local acc = {}
for i = 1, 3 do
  local j = i
  acc[i] = {get = function() return j end, set = function(x) j = x end}
end
acc[2].set(20)
print(acc[1].get(), acc[2].get(), acc[3].get())
local function outer()
  local x = 0
  local function a() x = x + 1 return x end
  local function b() x = x + 10 return x end
  return a, b
end
local fa, fb = outer()
print(fa(), fb(), fa())
local fns = {}
for i = 1, 3 do
  fns[i] = function() return i end
  if i == 2 then break end
end
print(#fns, fns[1](), fns[2]())
local k = 0
local ws = {}
while k < 3 do
  k = k + 1
  local captured = k
  ws[k] = function() captured = captured + 100 return captured end
end
print(ws[1](), ws[1](), ws[3]())
