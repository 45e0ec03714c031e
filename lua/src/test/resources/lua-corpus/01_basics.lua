print("hello", 1, 2.5, nil, true, false)
print(1e15, 1e16, 2^53, 1/3, -0.0, 100, -7, 3.14159265358979)
print(10 / 2, 7 % 3, -7 % 3, 7 % -3, 5.5 % 2, 2^10, -2^2)
print(1 == 1.0, "a" == "a", "a" < "b", "abc" < "abd", "Z" < "a", "" < "a")
print(not nil, not 0, nil and 1, false or "x", 1 and 2, nil or false)
print(#"hello", #"", "con" .. "cat", 1 .. 2, "n" .. 1.5)
local x, y, z = 1, 2
print(x, y, z)
x, y = y, x
print(x, y)
local a, b = (function() return 1, 2, 3 end)()
print(a, b)
print((function() return 1, 2, 3 end)())
print(((function() return 1, 2, 3 end)()))
