local function makeAdders()
  local adders = {}
  for _, n in ipairs({1, 5, 10}) do
    adders[#adders + 1] = function(x) return x + n end
  end
  return adders
end
local ad = makeAdders()
print(ad[1](1), ad[2](1), ad[3](1))
local function memoize(f)
  local cache = {}
  return function(x)
    local v = cache[x]
    if v == nil then v = f(x); cache[x] = v end
    return v
  end
end
local calls = 0
local sq = memoize(function(x) calls = calls + 1 return x * x end)
print(sq(4), sq(4), sq(5), calls)
local function compose(f, g) return function(...) return f(g(...)) end end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
local function curry(f) return function(a) return function(b) return f(a, b) end end end
print(curry(function(a, b) return a - b end)(10)(3))
