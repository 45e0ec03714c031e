x = "global x"
local function show() return x end
print(show())
local env = {x = "env x"}
setfenv(show, env)
print(show(), x)
print(getfenv(show) == env, getfenv(print) == _G, getfenv() == _G, getfenv(0) == _G)
local function f()
  setfenv(1, {print = print, y = 5})
  print(y, x)
end
f()
print(y, x)
local sandbox = setmetatable({}, {__index = _G})
local chunk = loadstring("z = 10; return x, z")
setfenv(chunk, sandbox)
print(chunk())
print(z, rawget(sandbox, "z"))
print(pcall(setfenv, print, {}))
print(pcall(getfenv, -1))
print(pcall(getfenv, 100))
print(_G._G == _G, _VERSION)
_G.newglobal = 7
print(newglobal)
local function level2() return getfenv(2) end
local function caller() local e = level2() return e end
setfenv(caller, {level2 = level2})
print(caller() == getfenv(caller))
