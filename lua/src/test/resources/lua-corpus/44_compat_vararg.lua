-- Lua 5.1 with LUA_COMPAT_VARARG (Redis's build and Debian's): a vararg function that does not use
-- ... gets a local 'arg' = {n = count, ...}
local function f(...) return arg and arg.n, arg and arg[2] end
print(f(1, 2))
print(f())
local function g(...) local x = ... return arg end
print(g(1))
local function h(a, ...) local a2 = arg return a2.n, a, a2[1], a2[2] end
print(h(5, 6, nil))
local function shadow(...) local arg = "mine" return arg end
print(shadow(1))
local function nested(...)
  return function() return arg end
end
print(nested(1, 2)() ~= nil, nested(1, 2)().n)
