print("10" + 1, "3" * "4", "2" ^ 2, 10 .. "", "0x10" + 0, " 5 " + 1, "1e2" + 0)
print(10 == "10", "abc" < "abd", 1 .. 2 == "12")
print(tonumber("10"), tonumber("  12  "), tonumber("0x1F"), tonumber("1e1"), tonumber("abc"), tonumber(""))
print(tonumber("ff", 16), tonumber("zz", 36), tonumber("777", 8), tonumber("102", 2), tonumber(" 11 ", 2))
print(tonumber("-ff", 16), tonumber("1.5", 10), tonumber(15), tonumber(nil))
print(tostring(1/0), tostring(-1/0), 2^63, 123456789012345, 1234567890123456)
print(0.1, 0.1 + 0.2, 1e-5, 123.456e10, 5 / 2, 3 / 3, -0.5, 1e308 * 10)
print(255, 1e100, 2^-1074, 12345678901234567890)

for i = 1, 3 do io = nil end
print(8 % 3.5, -8 % 3.5, 2^0.5)
