local obj = {v = 1}
function obj:inc(n) self.v = self.v + (n or 1) return self end
function obj.static(x) return x end
obj:inc():inc(5)
print(obj.v, obj.static(7), obj:static() == obj)
local arr = {items = {}}
function arr:add(x) table_insert_guard = nil; self.items[#self.items + 1] = x; return self end
arr:add(1):add(2):add(3)
print(#arr.items)
local meta = setmetatable({}, {__index = {hello = function(self, n) return "hello " .. n end}})
print(meta:hello("world"))
print(pcall(function() local o = {} return o:missing() end))
print(pcall(function() local o = {f = 5} return o:f() end))
print(pcall(function() return (nil):x() end))
