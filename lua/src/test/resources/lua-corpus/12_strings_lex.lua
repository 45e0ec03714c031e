print("tab\tnew\\n", 'single "q"', "double 'q'", "\65\066\0672", "a\
b")
print([[long
string]], [==[with ]] inside]==], [[
skipped first newline]])
--[[ block
comment ]] print("after block comment")
--[==[ another ]==] print("after level comment")
-- line comment
print(#"\0abc", "\z" == "z", "\x41")
print(0x10, 0xff, 0XA, 1e2, 1E-2, .5, 3.)
print("a" .. "b" .. "c" .. 1 .. 2.5)
local s = "x"
for i = 1, 5 do s = s .. s end
print(#s)
print(("abc"), #("abc"))
print(1 --[[inline]] + 2)
