local parts = {"return ", "1 + ", "2", nil}
local i = 0
local f = load(function() i = i + 1 return parts[i] end)
print(f())
print(type(load(function() return nil end)))
local g, err = load(function() return {} end)
print(g)
local pieces = {"x = ", "= 1"}
local j = 0
print(load(function() j = j + 1 return pieces[j] end, "=mychunk"))
local h = loadstring("local a, b = ... return b, a")
print(h(1, 2))
print(loadstring("return ...")(3, 4, 5))
local fn = loadstring("syntax error here")
print(fn)
print(loadstring("return 1", "=name")())
local chunk = loadstring("error('inside chunk')", "=chunky")
print(pcall(chunk))
local chunk2 = loadstring("\n\nerror('line3')")
print(pcall(chunk2))
local k = 0
print(pcall(load(function() k = k + 1; if k == 1 then return "error('loaded', 1)" end end, "@virtual.lua")))
print(pcall(load, nil))
print(pcall(loadstring))
