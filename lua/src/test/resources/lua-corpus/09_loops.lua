for i = 1, 3 do io = i end print(io)
for i = 3, 1, -1 do print("down", i) end
for i = 1, 2, 0.5 do print("half", i) end
for i = 1, 0 do print("never") end
for i = 1.5, 3 do print(i) end
for i = "1", "2" do print("str", i) end
local n = 0
while true do n = n + 1 if n > 5 then break end end
print(n)
repeat n = n - 1 until n == 0
print(n)
repeat local done = true until done
local t = {}
for i = 1, 10 do if i % 2 == 0 then t[#t + 1] = i end end
print(#t, t[1], t[5])
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then break end
    print(i, j)
  end
end
local function iter(s, c) if c < s then return c + 1, c * c end end
for a, b in iter, 4, 0 do print(a, b) end
local keys = {}
for k in pairs({10, 20, 30}) do keys[#keys + 1] = k end
print(#keys, keys[1], keys[3])
for i, v in ipairs({"a", "b", nil, "d"}) do print(i, v) end
local i = 10
for i = 1, 2 do end
print(i)
for k, v in next, {5} do print(k, v) end
local s = 0
for i = 1, 100000 do s = s + i end
print(s)
