package io.redisinternals.lua.lib;

import java.util.List;
import org.junit.jupiter.api.Test;

/** string.find / match / gmatch / gsub and Lua patterns, differential against lua5.1. */
class StringPatternTest {

    @Test
    void findPlainAndInit() {
        LuaReference.assertSameAsLua(List.of(
                "return string.find('hello world', 'o')",
                "return string.find('hello world', 'o', 6)",
                "return string.find('hello world', 'o', -3)",
                "return string.find('hello world', 'o', -100)",
                "return string.find('hello world', 'o', 100)",
                "return string.find('hello', '')",
                "return string.find('hello', '', 10)",
                "return string.find('hello', '', 6)",
                "return string.find('', '')",
                "return string.find('a.b', '.', 1, true)",
                "return string.find('a+b', '+', 1, 1)",
                "return string.find('a\\0b', '\\0')",
                "return string.find('a\\0b\\0c', 'b\\0c')",
                "return string.find('abc', 'b', 1.9)",
                "return string.find('abc')",
                "return string.find(nil, 'x')",
                "return string.find('abc', 'b', 'x')",
                "return string.find(12345, 34)",
                "return string.find('abc', {})"));
    }

    @Test
    void classesAndSets() {
        LuaReference.assertSameAsLua(List.of(
                "return string.match('  abc123  ', '%a+')",
                "return string.match('  abc123  ', '%d+')",
                "return string.match('abc  def', '%s+()')",
                "return string.match('x:y;z', '%p')",
                "return string.match('\\1\\2abc', '%c+')",
                "return string.match('abcDEF', '%u+')",
                "return string.match('abcDEF', '%l+')",
                "return string.match('ff00zz', '%x+')",
                "return string.match('ab_12', '%w+')",
                "return string.match('a\\0b', '%z')",
                "return string.match('abc123', '%A+')",
                "return string.match('abc  def', '%S+$')",
                "return string.match('hello', '[aeiou]+')",
                "return string.match('hello', '[^aeiou]+')",
                "return string.match('x-y', '[a-z]-')",
                "return string.match('a]b', '[]]')",
                "return string.match('a^b', '[%^]')",
                "return string.match('a-b', '[a%-]+')",
                "return string.match('a-b', '[-a]+')",
                "return string.match('2024-01-05', '(%d+)-(%d+)-(%d+)')",
                "return string.match('[[x]]', '%[(.-)%]')",
                "return string.match('\\200\\201a', '[\\128-\\255]+')",
                "return string.match('\\200\\201a', '%a')",
                "return string.match('abc', '.')",
                "return string.match('abc', '[%a%d]+')",
                "return string.match('a.b', '%.')",
                "return string.match('a5', '[%d]')",
                "return string.match('z', '[a-]')",
                "return string.match('-', '[a-]')"));
    }

    @Test
    void quantifiersAnchorsAndCaptures() {
        LuaReference.assertSameAsLua(List.of(
                "return string.match('aaab', 'a*')",
                "return string.match('aaab', 'a-b')",
                "return string.match('aaab', 'a+b')",
                "return string.match('b', 'a?b')",
                "return string.match('ab', 'a?b')",
                "return string.match('xaaab', '^a*')",
                "return string.match('aaab', '^a*$')",
                "return string.match('aaa', '^a*$')",
                "return string.match('a$', 'a$')",
                "return string.match('a$b', 'a$b')",
                "return string.match('hello world', '()ll()')",
                "return string.match('hello', '()')",
                "return string.find('hello world', '(o)(r?)')",
                "return string.find('hello', 'l+')",
                "return string.find('hello', '^h')",
                "return string.find('hello', '^e')",
                "return string.find('hello', 'o$')",
                "return string.match('key = value', '(%w+)%s*=%s*(%w+)')",
                "return string.match('abcabc', '(abc)%1')",
                "return string.match('abab', '(a)(b)%1%2')",
                "return string.match('THE (quick) fox', '%((%a+)%)')",
                "return string.match('f(a(b)c)d', '%b()')",
                "return string.match('if x then y end', '%bxy')",
                "return string.match('THE (quick fox', '%b()')",
                "return string.find('THE (quick) fox', '%f[%a]%a+', 5)",
                "return string.match('hello world', '%f[%w]%w+$')",
                "return string.match('the cat', '%f[%a]cat')",
                "return string.match('thecat', '%f[%a]cat')",
                "return string.match('aaa', '(a*(.))')",
                "return string.match('  trim  ', '^%s*(.-)%s*$')",
                "return string.match('x=1, y=2', '((%w)=(%d))')",
                "return string.match('abc', '((a)(b)(c))')",
                "return string.match('a.b.c', '^(.-)%.')",
                "return string.match('a.b.c', '^(.*)%.')",
                "return string.match('ab', 'a\\0')",
                "return string.match('abc', 'b', -1)",
                "return string.match('abc', 'b', -2)"));
    }

    @Test
    void patternErrors() {
        LuaReference.assertSameAsLua(List.of(
                "return string.find('a', '%')",
                "return string.find('a', '[a')",
                "return string.find('a', '[a%')",
                "return string.find('a', '[')",
                "return string.find('a', '[^')",
                "return string.find('a', '(a')",
                "return string.find('a', 'a)')",
                "return string.find('a', '%1')",
                "return string.find('aa', '(a)%2')",
                "return string.find('aa', '(a%1)')",
                "return string.find('a', '%b')",
                "return string.find('a', '%ba')",
                "return string.find('a', '%f')",
                "return string.find('a', '%fa')",
                "return string.match('a', '()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()')",
                "return string.gsub('abc', '(', 'x')",
                "return string.gsub('abc', '.', '%2')",
                "return string.gsub('abc', '(.)', '%2')",
                "return string.gsub('abc', '.', '%')"));
    }

    @Test
    void gsubReplacements() {
        LuaReference.assertSameAsLua(List.of(
                "return string.gsub('hello world', 'o', '0')",
                "return string.gsub('hello world', 'o', '0', 1)",
                "return string.gsub('hello world', 'o', '0', 0)",
                "return string.gsub('hello world', 'o', '0', -1)",
                "return string.gsub('hello world', 'o', '0', 1.5)",
                "return string.gsub('hello world', '(o)', '[%1]')",
                "return string.gsub('hello world', 'l+', '<%0>')",
                "return string.gsub('hello', '', '-')",
                "return string.gsub('hello', '^', '>')",
                "return string.gsub('hello', '$', '<')",
                "return string.gsub('hello', '^h', 'H')",
                "return string.gsub('hello', 'x*', '-')",
                "return string.gsub('abc', '%w', '%%')",
                "return string.gsub('abc', '%w', '%x')",
                "return string.gsub('abc', '()', '%1')",
                "return string.gsub('abc', '%w', fn_upper)",
                "return string.gsub('abc', '(%w)(%w)', fn_cat)",
                "return string.gsub('abc', '%w', fn_nil)",
                "return string.gsub('abc', '%w', fn_false)",
                "return string.gsub('abc', '%w', fn_tbl)",
                "return string.gsub('abc', '%w', fn_count)",
                "return string.gsub('abc', '%w', fn_err)",
                "return string.gsub('$name is $age', '%$(%w+)', {name = 'bob', age = 42})",
                "return string.gsub('$name is $x', '%$(%w+)', {name = 'bob'})",
                "return string.gsub('$name', '%$(%w+)', {name = true})",
                "return string.gsub('$name', '%$(%w+)', {name = {}})",
                "return string.gsub('abc', 'b', 12)",
                "return string.gsub('abc', 'b')",
                "return string.gsub('abc', 'b', true)",
                "return string.gsub('a b c', ' ', '', 'x')",
                "return string.gsub('a\\0b', '%z', '0')",
                "return string.gsub('one two', '(%w+) (%w+)', '%2 %1')",
                "return string.gsub(123, 2, 9)"));
    }

    @Test
    void gmatchIterates() {
        LuaReference.assertSameAsLua(List.of(
                "local it = string.gmatch('one two three', '%a+'); return it(), it(), it(), it()",
                "local it = string.gmatch('k1=v1, k2=v2', '(%w+)=(%w+)'); return it(), it(), it()",
                "local it = string.gmatch('abc', ''); return it(), it(), it(), it(), it()",
                "local it = string.gmatch('abc', '()'); return it(), it(), it(), it(), it()",
                "local it = string.gmatch('^a^a', '^a'); return it(), it(), it()",
                "local it = string.gmatch('aXbX', 'X*'); return it(), it(), it(), it(), it()",
                "local it = string.gfind('a1b2', '%d'); return it(), it(), it()",
                "return string.gmatch('abc')",
                "local it = string.gmatch('abc', '(('); return it()"));
    }
    @Test
    void edgesOfTheMatcher() {
        LuaReference.assertSameAsLua(List.of(
                "return string.find('abc', '%f[%z]')",
                "return string.find('abc', '%f[%Z]')",
                "return string.gsub('hello world', '%f[%w]%w+', fn_upper)",
                "return string.gsub('THE (quick) fox', '%f[%a]%a+%f[%A]', 'X')",
                "return string.find('a||b', '%b||')",
                "return string.find('((a)', '%b()')",
                "return string.find('x)', '%b)(')",
                "return string.gsub('abc', '^%w', 'X', 5)",
                "return string.gsub('aaa', 'a-', 'X')",
                "return string.gsub('aaa', 'a?', 'X')",
                "return string.gsub('a,b,,c', '([^,]*)', '<%1>')",
                "return string.find('abc', '[a-]')",
                "return string.find('a-c', '[%a-c]+')",
                "return string.find('b', '[c-a]')",
                "return string.find('\0abc', '%z%a')",
                "return string.find('abc', 'c$', 3)",
                "return string.find('abc', '^b', 2)",
                "return string.match('abc', '^(a)(b)(c)$')",
                "return string.match(' x', '^%s*()')",
                "return string.match('aaa', '()a-()$')",
                "return string.match('ab12', '%a+%d+$')",
                "return string.find('abc', 'b', '2')",
                "return string.find('abc', '(b)()', -2)",
                "return string.match('[x]', '[]x[]+')",
                "return string.match('^x', '[]^]+')",
                "return string.match('%', '[%%]')",
                "return string.match('a.b', '[.]')",
                "return string.gsub('abc', '.', {a = 1, b = true})",
                "return string.gsub('abc', '(.)(.)', {ab = 'X'})",
                "return string.gsub('', '', 'x')",
                "return string.gsub('', 'a*', 'x')",
                "return string.gsub('abc', '', '', 2)"));
    }
}
