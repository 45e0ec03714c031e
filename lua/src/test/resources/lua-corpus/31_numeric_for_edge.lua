for i = 10, 1, -3 do print(i) end
for i = 0.1, 0.5, 0.1 do print(i) end
for i = 1, 3 do local j = i * 2 print(j) end
local t = {}
for i = 1, 5 do t[i] = function() return i end end
print(t[1](), t[5]())
for i = -2, 2 do print(i) end
local n = 3
for i = 1, n do n = 10 end
print(n)
for i = 1, 3 do i = i * 10 print(i) end
print(pcall(function() for i = 1, 10, 0 do print("zero step", i) break end end))
