local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + 1)
end
print(loop(1000000, 0))
local even, odd
function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(200001), odd(200001))
local t = {}
function t.m(self, n) if n == 0 then return "done" end return self.m(self, n - 1) end
print(t:m(300000))
local function f() return select("#", nil, nil) end
print(f())
