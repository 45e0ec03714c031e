local function a()
  local function b()
    local function c() return "c" end
    return c() .. "b"
  end
  return b() .. "a"
end
print(a())
local f = function() return function() return function() return 42 end end end
print(f()()())
local function apply(fn, ...) return fn(...) end
print(apply(apply, apply, function(x) return x * 3 end, 5))
local t = {fn = function(self) return self.v end, v = "tv"}
print(t.fn(t), t:fn())
local r = (function(...) return select("#", ...) end)(1, 2, 3)
print(r)
