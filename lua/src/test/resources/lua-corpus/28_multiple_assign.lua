local a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
local t = {1, 2, 3}
local i = 1
i, t[i] = 2, "x"
print(i, t[1], t[2])
local x, y = 1
print(x, y)
x, y = 1, 2, 3
print(x, y)
local function two() return "p", "q" end
x, y = two()
print(x, y)
x, y = two(), "r"
print(x, y)
local q = {}
q.a, q.b, q.c = two()
print(q.a, q.b, q.c)
a, a = 1, 2
print(a)
