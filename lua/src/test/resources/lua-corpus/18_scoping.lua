local x = 1
do local x = 2; print(x) end
print(x)
local x = x + 10
print(x)
local function shadow(x) local x = x * 2 return x end
print(shadow(4))
if true then local y = 5 print(y) end
print(y)
local a, b, c = 1
print(a, b, c)
local d, e = 1, 2, 3
print(d, e)
local i = 1
local t = {}
i, t[i] = i + 1, 20
print(i, t[1], t[2])
local p, q = 1, 2
p, q = q, p
print(p, q)
local z1, z2, z3 = (function() return 1, 2, 3 end)(), 10
print(z1, z2, z3)
g1, g2 = 5
print(g1, g2)
local function multi() return 1, 2 end
local m1, m2, m3 = multi(), multi()
print(m1, m2, m3)
local self = "outer self"
local o = {}
function o:who() return self == o end
print(o:who(), self)
local f = function(...) local a, b = ... return a, b end
print(f(9, 8, 7))
repeat local inner = 3 until inner == 3
print(inner)
