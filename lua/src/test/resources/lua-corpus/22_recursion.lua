local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print(ack(2, 3))
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10), fact(20), fact(25))
local memo = {}
local function mfib(n)
  if n < 2 then return n end
  if memo[n] then return memo[n] end
  local v = mfib(n - 1) + mfib(n - 2)
  memo[n] = v
  return v
end
print(mfib(80))
local function hanoi(n, a, b, c, moves)
  if n == 0 then return moves end
  moves = hanoi(n - 1, a, c, b, moves)
  moves = moves + 1
  return hanoi(n - 1, c, b, a, moves)
end
print(hanoi(10, "A", "B", "C", 0))
