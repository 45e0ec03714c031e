print()
print(nil)
print(1, nil, 3)
print("")
print(tostring(nil), tostring(true), tostring(12), tostring("s"))
local t = setmetatable({}, {__tostring = function() return "custom!" end})
print(t, tostring(t))
local n = setmetatable({}, {__tostring = function() return 42 end})
print(tostring(n))
print(pcall(print, n))
local bad = setmetatable({}, {__tostring = function() return {} end})
print(pcall(print, bad))
print(type(tostring(print)), type(tostring({})))
local oldts = tostring
tostring = function(v) return "<" .. oldts(v) .. ">" end
print(1, "a", nil)
tostring = oldts
print(type(nil), type(1), type("s"), type({}), type(print), type(type), type(true), type(coroutine.create(function() end)))
