local co = coroutine.create(function() print(debug.traceback("x")) local function f() error("deep") end f() end)
print(coroutine.resume(co))
local w = coroutine.wrap(function() print(debug.getinfo(1, "S").what, debug.getinfo(2)) end)
w()
