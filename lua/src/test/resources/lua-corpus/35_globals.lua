print(undefined)
g = 1
print(g, _G.g, _G["g"])
_G.h = 2
print(h)
local name = "dyn"
_G[name] = "dynamic"
print(dyn)
g = nil
print(g, rawget(_G, "g"))
local count = 0
for k, v in pairs({print = print}) do count = count + 1 end
print(count)
setmetatable(_G, {__index = function(t, k) return "missing:" .. k end})
print(nothing_here)
setmetatable(_G, {__newindex = function(t, k, v) rawset(t, k, v .. "!") end})
newvar = "set"
print(newvar)
setmetatable(_G, nil)
print(type(_G), _G == getfenv())
