local function classify(n)
  if n < 0 then return "negative"
  elseif n == 0 then return "zero"
  elseif n < 10 then return "small"
  elseif n < 100 then return "medium"
  else return "large" end
end
for _, v in ipairs({-5, 0, 3, 42, 1000}) do print(v, classify(v)) end
if nil then print("no") elseif false then print("no") else print("else branch") end
if 0 then print("0 is true") end
if "" then print("empty string is true") end
local x = nil
if not x then print("not nil") end
