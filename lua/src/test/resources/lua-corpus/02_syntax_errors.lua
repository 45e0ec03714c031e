local cases = {
  "x = ", "x = = 1", "x = \"abc", "x = [[abc", "x = 3x", "f(", "local 1", "x = 0x",
  "for i=1 do end", "x = \"\\400\"", "return return", "x = 1 .. 2 ..", "a.b:c = 1", "goto x",
  "x = }", "x = ~= 1", "break", "a + 1", "f() = 1", "(a) = 1", "a, f() = 1", "if x then else elseif",
  "x = function(..., a) end", "return 1;;", "x = \"abc\ny\"", "--[[ unfinished", "x = @",
  "function f(a,) end", "local function end", "for a.b = 1, 2 do end", "for x y", "while true do",
  "repeat x = 1", "if x then", "do", "t = {1, 2", "f(1, 2", "x = [==[ ]=]", "x = 1 + ", "local a <const> = 1",
  "function f() return ... end", "x = {[1] 2}", "a.b.c", "a:b", "x = #", "x = not", "x = 1 2",
  "f\n(1)", "x = a.1", "x = 'a\\", "x = [=x", "local t = {} t.", "::lbl::",
}
for i, c in ipairs(cases) do
  local f, err = loadstring(c)
  print(i, f == nil, err)
end
print(loadstring("x=", "=named"))
print(loadstring("x=", "@file.lua"))
print(loadstring("x=", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))
print(loadstring("\n\nx=\n"))
print(loadstring("x = 1\ny = = 2", "multi\nline"))
