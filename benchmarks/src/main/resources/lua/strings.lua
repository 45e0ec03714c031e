-- String work: 10,000 concatenations of numbers and text, string.format, a table.concat of the
-- lot, then gsub over the 200 kB result with a capture in the replacement.
local parts = {}
for i = 1, 10000 do
  local key = 'key:' .. i .. ':' .. (i * 3)
  parts[#parts + 1] = string.format('%s=%d;%5.2f', key, i, i / 7)
end
local joined = table.concat(parts, ',')
local replaced, n = string.gsub(joined, '(%d+)', '<%1>')
return #replaced + n
