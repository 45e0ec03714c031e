local function dump(t)
  local parts = {}
  for k, v in pairs(t) do parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  local s = ""
  for i, p in ipairs(parts) do s = s .. (i > 1 and " " or "") .. p end
  print(s)
end
dump({a = 1, b = 2, c = 3, d = 4, e = 5})
dump({x = 1, y = 2, [1] = "one", [2] = "two", [10] = "ten", [2.5] = "f", [-1] = "neg", [true] = "t", [false] = "f"})
local t = {}
for i = 1, 20 do t["key" .. i] = i end
dump(t)
local u = {}
for i = 20, 1, -1 do u[i] = i end
dump(u)
local h = {}
h[1] = 1; h[2] = 2; h[4] = 4; h[8] = 8; h[16] = 16
dump(h)
print(#h)
local holes = {1, 2, nil, 4}
print(#holes)
local holes2 = {nil, nil, 3}
print(#holes2)
local g = {}
g[1] = 1; g[2] = 2; g[3] = 3; g[5] = 5
print(#g)
g[4] = 4
print(#g)
local r = {10, 20, 30, 40, 50}
r[5] = nil
print(#r)
r[3] = nil
print(#r)
local big = {}
for i = 1, 100 do big[i] = i end
for i = 1, 100, 3 do big[i] = nil end
print(#big)
local mixed = {}
for i = 1, 10 do mixed[i * 2] = i end
print(#mixed)
dump(mixed)
local del = {a = 1, b = 2, c = 3}
for k in pairs(del) do del[k] = nil end
print(next(del))
del.z = 26
dump(del)
local nums = {}
for i = 1, 9 do nums[i / 4] = i end
dump(nums)
local keysNil = {}
for i = 1, 5 do keysNil["n" .. i] = nil end
keysNil.q = 1
dump(keysNil)
local words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}
local set = {}
for _, w in ipairs(words) do set[w] = #w end
dump(set)
