package io.redisinternals.lua.ext;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** struct against redis-server 7.0's: each line is run by both and the results compared. */
class StructLibTest {

    private static ReferenceRedis redis;
    private static LibDifferential diff;

    @BeforeAll
    static void start() throws Exception {
        redis = ReferenceRedis.start();
        diff = new LibDifferential(redis, StructLib::open);
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    @TestFactory
    Stream<DynamicTest> packs() {
        return diff.tests("struct.pack('b', 1)", "struct.pack('b', -1)", "struct.pack('B', 255)", "struct.pack('B', 256)",
                "struct.pack('b', 200)", "struct.pack('h', -2)", "struct.pack('>h', -2)", "struct.pack('<H', 0x1234)",
                "struct.pack('>H', 0x1234)", "struct.pack('i', 1)", "struct.pack('>i', 1)", "struct.pack('I', 2^32 - 1)",
                "struct.pack('l', -1)", "struct.pack('L', 2^63)", "struct.pack('L', 2^64)", "struct.pack('L', 2^70)",
                "struct.pack('l', -2^63)", "struct.pack('l', -2^64)", "struct.pack('T', 5)", "struct.pack('i3', 0x123456)",
                "struct.pack('>i3', -1)", "struct.pack('i1', 300)", "struct.pack('i16', -1)", "struct.pack('>I12', 2^40 + 7)",
                "struct.pack('i32', 1)", "struct.pack('i33', 1)", "struct.pack('i0', 1)", "struct.pack('b', 1.9)",
                "struct.pack('b', -1.9)", "struct.pack('B', 0/0)", "struct.pack('b', 1/0)", "struct.pack('b', -1/0)",
                "struct.pack('f', 1.5)", "struct.pack('>f', 1.5)", "struct.pack('f', 0.1)", "struct.pack('f', 1e300)",
                "struct.pack('d', 0.1)", "struct.pack('>d', -2.5)", "struct.pack('d', 0/0)", "struct.pack('s', 'abc')",
                "struct.pack('s', '')", "struct.pack('c', 'xyz')", "struct.pack('c2', 'xyz')", "struct.pack('c0', 'xyz')",
                "struct.pack('c5', 'xyz')", "struct.pack('bc0s', 1, 'ab', 'cd')", "struct.pack('x')", "struct.pack('xxbx', 1)",
                "struct.pack('!4 b i', 1, 2)", "struct.pack('!b i', 1, 2)", "struct.pack('!2bi', 1, 2)", "struct.pack('!8bd', 1, 2)",
                "struct.pack('!8 b h b l b f', 1, 2, 3, 4, 5, 6)", "struct.pack('!3bi', 1, 2)", "struct.pack('!0bi', 1, 2)",
                "struct.pack('!16 b d', 1, 2)", "struct.pack('!4 b c3 i', 1, 'abc', 2)", "struct.pack('!4 b i3', 1, 2)",
                "struct.pack('<>b', 1)", "struct.pack('> < h', 1)", "struct.pack('b b', 1, 2)", "struct.pack('z', 1)",
                "struct.pack('=', 1)", "struct.pack('b')", "struct.pack('b', 'x')", "struct.pack('b', '12')",
                "struct.pack('s', 5)", "struct.pack('s', {})", "struct.pack('c', nil)", "struct.pack()", "struct.pack(12, 1)",
                "struct.pack('')", "struct.pack('b\\0b', 1, 2)", "struct.pack('i99999999999', 1)", "struct.pack('!99999999999', 1)",
                "struct.pack('bb', 1, 2, 3)", "struct.pack('ccc', 'a', 'b', '')");
    }

    @TestFactory
    Stream<DynamicTest> unpacks() {
        return diff.tests("struct.unpack('b', '\\255')", "struct.unpack('B', '\\255')", "struct.unpack('h', '\\254\\255')",
                "struct.unpack('>h', '\\255\\254')", "struct.unpack('H', '\\254\\255')", "struct.unpack('i', '\\1\\0\\0\\0')",
                "struct.unpack('>I', '\\255\\255\\255\\255')", "struct.unpack('l', '\\255\\255\\255\\255\\255\\255\\255\\255')",
                "struct.unpack('L', '\\255\\255\\255\\255\\255\\255\\255\\255')", "struct.unpack('L', '\\1\\0\\0\\0\\0\\0\\0\\128')",
                "struct.unpack('i3', '\\255\\255\\255')", "struct.unpack('I3', '\\255\\255\\255')",
                "struct.unpack('i12', string.rep('\\255', 12))", "struct.unpack('I12', string.rep('\\255', 12))",
                "struct.unpack('>i12', '\\1\\2\\3\\4\\5\\6\\7\\8\\9\\10\\11\\12')", "struct.unpack('<i12', '\\1\\2\\3\\4\\5\\6\\7\\8\\9\\10\\11\\12')",
                "struct.unpack('<I10', '\\1\\2\\3\\4\\5\\6\\7\\128\\9\\10')", "struct.unpack('i0', 'x')",
                "struct.unpack('f', struct.pack('f', 1.5))", "struct.unpack('>f', '\\63\\192\\0\\0')",
                "struct.unpack('d', struct.pack('d', 0.1))", "struct.unpack('>d', struct.pack('>d', -1/3))",
                "struct.unpack('s', 'abc\\0def')", "struct.unpack('ss', 'abc\\0def\\0')", "struct.unpack('s', 'abc')",
                "struct.unpack('c3', 'abcdef')", "struct.unpack('c', 'abc')", "struct.unpack('bc0', '\\3abcdef')",
                "struct.unpack('c0', 'abc')", "struct.unpack('c1c0', '3abcd')", "struct.unpack('c1c0', 'xabcd')",
                "struct.unpack('bc0', '\\9abc')", "struct.unpack('xb', '\\1\\2')", "struct.unpack('!4 b i', struct.pack('!4 b i', 7, 9))",
                "struct.unpack('!8 b d', struct.pack('!8 b d', 7, 0.5))", "struct.unpack('b', '\\1\\2\\3', 2)",
                "struct.unpack('b', '\\1\\2\\3', 3)", "struct.unpack('b', '\\1\\2\\3', 4)", "struct.unpack('b', '\\1\\2\\3', 0)",
                "struct.unpack('b', '\\1\\2\\3', -1)", "struct.unpack('', '\\1\\2\\3', -1)", "struct.unpack('', 'abc', 2)",
                "struct.unpack('b', '\\1\\2\\3', 2.7)", "struct.unpack('i', '\\1\\2')", "struct.unpack('b', '')",
                "struct.unpack('z', 'abc')", "struct.unpack('b')", "struct.unpack()", "struct.unpack('b', 7)",
                "struct.unpack('>bhi', struct.pack('>bhi', -1, -300, 70000))", "struct.unpack('b', 'x', 'y')",
                "struct.unpack(string.rep('b', 7995), string.rep('\\1', 7995))",
                "struct.unpack(string.rep('b', 8000), string.rep('\\1', 8000))");
    }

    @TestFactory
    Stream<DynamicTest> sizes() {
        return diff.tests("struct.size('')", "struct.size('b')", "struct.size('bhilTfdx')", "struct.size('i3i7')",
                "struct.size('c10')", "struct.size('c0')", "struct.size('s')", "struct.size('!4 b i')", "struct.size('!8 b d b')",
                "struct.size('!2 b i b l')", "struct.size('z')", "struct.size('q b')", "struct.size('=')", "struct.size('i40')",
                "struct.size('!5')", "struct.size('<>!')", "struct.size()", "struct.size(5)", "struct.size('!4 b c3 i')");
    }
}
