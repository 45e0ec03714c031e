local function f(...) return select("#", ...), ... end
print(f())
print(f(nil))
print(f(1, nil, 3))
print(f(nil, nil))
local function g(a, ...)
  local b, c = ...
  return a, b, c, select("#", ...)
end
print(g(1))
print(g(1, 2, 3, 4))
print(select(2, "a", "b", "c"))
print(select(-1, "a", "b", "c"))
print(select(-3, "a", "b", "c"))
print(pcall(select, -4, "a", "b", "c"))
print(pcall(select, 0, "a"))
print(select(5, "a", "b"))
local function pack(...) return {n = select("#", ...), ...} end
local t = pack(1, nil, 3)
print(t.n, t[1], t[2], t[3])
print({...} ~= nil, select("#", ...))
local function tail(...) return ... end
print(tail(1, 2, 3), tail(4, 5))
print((tail(1, 2, 3)))
local t2 = {tail(1, 2), tail(3, 4)}
print(#t2, t2[1], t2[2], t2[3])
print(unpack({1, 2, 3}))
print(unpack({1, 2, 3}, 2))
print(unpack({1, 2, 3}, 2, 5))
print(unpack({}, 1, 0))
local function count(...) return select('#', ...) end
print(count(unpack({1, nil, 3}, 1, 3)))
