-- every binary and unary operator over every kind of operand, spelled as a local, a global,
-- a field and a constant, so the error texts name (or do not name) the culprit as lua5.1 does
local kinds = {"nil", "true", "1", "'2'", "'x'", "{}", "print", "0/0"}
local binops = {"+", "-", "*", "/", "%", "^", "..", "<", "<=", ">", ">=", "==", "~="}
local n = 0
for _, op in ipairs(binops) do
  for _, a in ipairs(kinds) do
    for _, b in ipairs(kinds) do
      local srcs = {
        "local x, y = " .. a .. ", " .. b .. " return x " .. op .. " y",
        "gx, gy = " .. a .. ", " .. b .. " return gx " .. op .. " gy",
        "local t = {p = " .. a .. ", q = " .. b .. "} return t.p " .. op .. " t.q",
        "return " .. a .. " " .. op .. " " .. b,
      }
      for _, src in ipairs(srcs) do
        n = n + 1
        local f = loadstring(src, "=m")
        local ok, r = pcall(f)
        if type(r) == "number" or type(r) == "string" or type(r) == "boolean" or r == nil then
          print(n, ok, r)
        else
          print(n, ok, type(r))
        end
      end
    end
  end
end
for _, op in ipairs({"-", "#", "not "}) do
  for _, a in ipairs(kinds) do
    for _, src in ipairs({"local x = " .. a .. " return " .. op .. "x", "gz = " .. a .. " return " .. op .. "gz",
                          "return " .. op .. "(" .. a .. ")", "local up = " .. a .. " return (function() return " .. op .. "up end)()"}) do
      n = n + 1
      local ok, r = pcall(loadstring(src, "=u"))
      print(n, ok, type(r) == "table" and "table" or r)
    end
  end
end
for _, a in ipairs({"nil", "true", "1", "{}", "print", "0/0"}) do -- strings index the string library
  for _, src in ipairs({"local x = " .. a .. " return x.f", "local x = " .. a .. " x.f = 1", "local x = " .. a .. " return x()",
                        "local x = " .. a .. " return x:m()", "local t = {f = " .. a .. "} return t.f()", "return (" .. a .. ")[1]"}) do
    n = n + 1
    local ok, r = pcall(loadstring(src, "=i"))
    print(n, ok, type(r) == "table" and "table" or r)
  end
end
