#!/bin/sh
# The reference column of LuaBenchmark: runs the same chunks (src/main/resources/lua/*.lua) under
# lua5.1, CPU time per run (os.clock) as the best of 5 batches. lock.lua needs redis.call: here a
# fake written in Lua (ours is a Java built-in), so its row is indicative only.
# Usage: benchmarks/lua-reference.sh
set -eu
dir=$(cd "$(dirname "$0")" && pwd)/src/main/resources/lua
for name in fib loop tables strings lock; do
  lua5.1 - "$dir/$name.lua" "$name" <<'LUA'
local file, name = arg[1], arg[2]
local chunk = assert(loadfile(file))
local calls = 0
redis = {call = function(cmd)
  if cmd == 'exists' then calls = calls + 1; return calls % 2 == 0 and 1 or 0 end
  if cmd == 'hexists' then return 1 end
  if cmd == 'pttl' then return 29998 end
  return 1
end}
local reps = 5
if name == 'lock' then reps = 1000000 end
KEYS, ARGV = {'{lock}:resource'}, {'30000', 'b2c6f1c2-0a47-4fdb-9d3e-2f4f0b3c4d5e:1'}
chunk() -- warm
local best = math.huge
for batch = 1, 5 do
  local t = os.clock()
  for i = 1, reps do
    if name == 'lock' then
      KEYS = {'{lock}:resource'}
      ARGV = {'30000', 'b2c6f1c2-0a47-4fdb-9d3e-2f4f0b3c4d5e:1'}
    end
    chunk()
  end
  best = math.min(best, (os.clock() - t) / reps)
end
if name == 'lock' then
  print(string.format('%-8s %10.0f ns/op', name, best * 1e9))
else
  print(string.format('%-8s %10.2f ms/op', name, best * 1e3))
end
LUA
done
