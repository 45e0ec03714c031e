local function locals(n, inFunction)
  local src = inFunction and "local function f() " or ""
  for i = 1, n do src = src .. "local a" .. i .. " = " .. i .. "; " end
  if inFunction then src = src .. "end" end
  return src
end
print(loadstring(locals(200), "=gen") ~= nil)
print(loadstring(locals(201), "=gen"))
print(loadstring(locals(201, true), "=gen"))
local multi = "local a1"
for i = 2, 201 do multi = multi .. ", a" .. i end
print(loadstring(multi, "=gen"))
local function upvalues(n)
  local src = ""
  for i = 1, n do src = src .. "local u" .. i .. " = " .. i .. "\n" end
  src = src .. "return function() return 0"
  for i = 1, n do src = src .. " + u" .. i end
  return src .. " end"
end
print(loadstring(upvalues(60), "=gen")()())
print(loadstring(upvalues(61), "=gen"))
local function parens(n)
  local src = "return "
  for i = 1, n do src = src .. "(" end
  src = src .. "1"
  for i = 1, n do src = src .. ")" end
  return src
end
print(loadstring(parens(150), "=gen")())
print(loadstring(parens(300), "=gen"))
local function nesting(n)
  local src = ""
  for i = 1, n do src = src .. "do " end
  for i = 1, n do src = src .. "end " end
  return src
end
print(loadstring(nesting(150), "=gen") ~= nil)
print(loadstring(nesting(250), "=gen"))
local forLocals = "local function g() "
for i = 1, 197 do forLocals = forLocals .. "local b" .. i .. " = 1; " end
print(loadstring(forLocals .. "for i = 1, 2 do end end", "=gen"))
print(loadstring(forLocals .. "for k, v in pairs({}) do end end", "=gen"))
