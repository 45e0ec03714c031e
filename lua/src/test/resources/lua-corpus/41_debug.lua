local function where()
  local info = debug.getinfo(2, "Sl")
  return info.short_src .. ":" .. info.currentline .. " " .. info.what
end
print(where())
local function named()
  local i = debug.getinfo(1, "n")
  return i.name, i.namewhat
end
print(named())
local t = {m = named}
print(t.m())
local info = debug.getinfo(print)
print(info.what, info.short_src, info.source, info.currentline)
local li = debug.getinfo(where, "S")
print(li.what, li.linedefined, li.short_src, li.source)
print(debug.getinfo(1, "S").what)
print(debug.getinfo(100))
local function inner() return debug.traceback("msg", 1) end
local function outer() local r = inner() return r end
print(outer())
print(debug.traceback("top"))
print(debug.traceback({}) ~= nil, type(debug.traceback({})))
local function lvl2() return debug.traceback("L2", 2) end
local function caller() local r = lvl2() return r end
print(caller())
print(xpcall(function() local x = nil; return x.y end, debug.traceback))
