local i = 0
while i < 10 do
  i = i + 1
  if i % 2 == 0 then
    -- skip
  elseif i == 7 then
    break
  else
    print("odd", i)
  end
end
print("stopped at", i)
local n = 5
repeat
  local sq = n * n
  n = n - 1
until sq < 10
print(n)
local function find(t, v)
  for i = 1, #t do
    if t[i] == v then return i end
  end
  return nil
end
print(find({5, 6, 7}, 6), find({5, 6, 7}, 9))
local count = 0
while true do
  count = count + 1
  repeat
    count = count + 10
    if count > 50 then break end
  until false
  if count > 100 then break end
end
print(count)
