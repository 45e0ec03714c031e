local vals = {0, -0, 1, -1, 0.5, 1/3, 100, 1e10, 1e14, 1e15, 1e16, 123456789, 12345.6789, 1e-10, 2^24, 2^31 - 1, -2^31, 3.0}
for _, v in ipairs(vals) do print(v, tostring(v), v .. "") end
print(1e300 * 1e10, -1e300 * 1e10)
print(tostring(1e15 + 0.5), 0.1 + 0.7, 4.35 * 100)
