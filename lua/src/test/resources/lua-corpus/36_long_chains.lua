local s = ""
for i = 1, 10 do s = s .. i .. "," end
print(s)
print("a" .. "b" .. "c" .. "d" .. "e" .. 1 .. 2 .. 3)
local t = {a = {b = {c = {d = {e = "deep"}}}}}
print(t.a.b.c.d.e, t["a"]["b"].c["d"].e)
local function chain(n) return {next = n > 0 and chain(n - 1) or nil, n = n} end
local c = chain(5)
local depth = 0
while c do depth = depth + 1; c = c.next end
print(depth)
local x = 1 + 2 - 3 * 4 / 5 % 6 ^ 2
print(x)
