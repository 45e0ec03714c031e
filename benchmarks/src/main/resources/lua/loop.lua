-- A numeric for of 5,000,000 additions to a local.
local s = 0
for i = 1, 5000000 do
  s = s + i
end
return s
