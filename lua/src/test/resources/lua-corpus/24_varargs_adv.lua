local function pass(...) return ... end
local function count(...) return select("#", ...) end
print(count(pass()), count(pass(nil)), count(pass(nil, nil, nil)))
print(count(pass(1, 2), pass(3, 4)))
local function first(...) local a = ... return a end
print(first(7, 8, 9))
local function tbl(...) return {...} end
print(#tbl(1, 2, 3), #tbl())
local function vcall(f, ...) return f(...) end
print(vcall(count, 1, nil, nil))
print(vcall(pass, "a", "b"))
local function mid(...) return (...), select(2, ...) end
print(mid(1, 2, 3))
local function vlen(...) local t = {n = select("#", ...), ...} return t.n, #t end
print(vlen(nil, 2))
print(pcall(pass, 1, 2, 3))
print(select("#", pcall(pass)))
local function rec(n, ...) if n == 0 then return select("#", ...) end return rec(n - 1, n, ...) end
print(rec(50))
