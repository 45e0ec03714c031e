-- Table building and reading: an array of 100,000 numbers, 100,000 small records with string
-- fields, a hash keyed by 10,000 strings; then reads of each (indexing, fields, pairs).
local arr = {}
for i = 1, 100000 do
  arr[i] = i
end
local recs = {}
for i = 1, 100000 do
  recs[i] = {x = i, y = i * 2, name = 'r'}
end
local hash = {}
for i = 1, 10000 do
  hash['k' .. i] = i
end
local s = 0
for i = 1, #arr do
  s = s + arr[i]
end
for i = 1, #recs do
  local r = recs[i]
  s = s + r.x + r.y
end
for k, v in pairs(hash) do
  s = s + v
end
for i = 1, 10000 do
  s = s + hash['k' .. i]
end
return s
