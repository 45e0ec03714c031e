local function lvl1() error("at level 1", 1) end
local function lvl2() error("at level 2", 2) end
local function callsLvl2()
  lvl2()
end
print(pcall(lvl1))
print(pcall(callsLvl2))
local function validate(x)
  if type(x) ~= "number" then
    error("expected number", 2)
  end
  return x
end
local function user()
  return validate("str") + 1
end
print(pcall(user))
print(pcall(error, "msg", 3))
local ok, e = pcall(function()
  local ok2, e2 = pcall(error, "inner")
  error("outer after " .. tostring(e2))
end)
print(ok, e)
print(pcall(function() error("multi\nline") end))
local function rethrow()
  local ok3, e3 = pcall(error, {tag = "t"})
  error(e3)
end
local ok4, e4 = pcall(rethrow)
print(ok4, type(e4), e4.tag)
