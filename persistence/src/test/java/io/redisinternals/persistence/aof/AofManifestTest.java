package io.redisinternals.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifest's text both ways, and aofLoadManifestFromFile's refusals with its texts. */
class AofManifestTest {

    private static AofManifest parse(String text) throws AofManifest.ManifestException {
        return AofManifest.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(String text) {
        return assertThrows(AofManifest.ManifestException.class, () -> parse(text)).getMessage();
    }

    @Test
    void formatsAsRedisAndParsesBack() throws Exception {
        AofManifest m = new AofManifest();
        m.newBase("appendonly.aof", true);
        m.newIncr("appendonly.aof");
        m.newIncr("appendonly.aof");
        String text = m.format();
        assertEquals("file appendonly.aof.1.base.rdb seq 1 type b\n"
                + "file appendonly.aof.1.incr.aof seq 1 type i\n"
                + "file appendonly.aof.2.incr.aof seq 2 type i\n", text);
        AofManifest back = parse(text);
        assertEquals(text, back.format());
        assertEquals(3, back.loadOrder().size());
    }

    @Test
    void rewriteMakesOldFilesHistoryKeepingTheOneBeingWritten() {
        AofManifest m = new AofManifest();
        m.newBase("a.aof", false);
        m.newIncr("a.aof");
        m.newIncr("a.aof");
        m.newBase("a.aof", false);
        m.markRewrittenIncrsAsHistory(true);
        assertEquals("file a.aof.2.base.aof seq 2 type b\n"
                + "file a.aof.1.incr.aof seq 1 type h\n"
                + "file a.aof.1.base.aof seq 1 type h\n"
                + "file a.aof.2.incr.aof seq 2 type i\n", m.format());
        m.clearHistory();
        assertEquals(List.of("a.aof.2.base.aof", "a.aof.2.incr.aof"),
                m.loadOrder().stream().map(AofManifest.Entry::name).toList());
    }

    @Test
    void namesThatNeedQuotingAreWrittenAsSdscatrepr() throws Exception {
        AofManifest m = new AofManifest();
        m.newBase("my file\"x", false);
        String text = m.format();
        assertEquals("file \"my file\\\"x.1.base.aof\" seq 1 type b\n", text);
        assertEquals("my file\"x.1.base.aof", parse(text).base().name());
    }

    @Test
    void commentsAndExtraPairsAreAccepted() throws Exception {
        AofManifest m = parse("# a comment\nfile x.1.base.rdb seq 1 type b future 7\nfile x.1.incr.aof type i seq 1\n");
        assertEquals("x.1.base.rdb", m.base().name());
        assertEquals(1, m.incrs().size());
    }

    @Test
    void refusalsUseRedisTexts() {
        assertEquals("Found an empty AOF manifest", refusal(""));
        assertTrue(refusal("file x seq 1 type b").endsWith("The AOF manifest file contains too long line"));
        assertTrue(refusal("file x seq 1 type b\n\n").endsWith("Invalid AOF manifest file format"));
        assertTrue(refusal("file x seq 1\n").endsWith("Invalid AOF manifest file format"));
        assertTrue(refusal("file x seq abc type b\n").endsWith("Invalid AOF manifest file format"));
        assertTrue(refusal("file \"x seq 1 type b\n").endsWith("Invalid AOF manifest file format"));
        assertTrue(refusal("file ../x seq 1 type b\n").endsWith("File can't be a path, just a filename"));
        assertTrue(refusal("file x seq 1 type b\nfile y seq 2 type b\n").endsWith("Found duplicate base file information"));
        assertTrue(refusal("file x seq 2 type i\nfile y seq 2 type i\n").endsWith("Found a non-monotonic sequence number"));
        assertTrue(refusal("file x seq 2 type z\n").endsWith("Unknown AOF file type"));
        assertEquals("Reading the manifest file, at line 2: 'file y seq 2 type q': Unknown AOF file type",
                refusal("file x seq 1 type b\nfile y seq 2 type q\n"));
    }

    @Test
    void anEmptyManifestHasNothingToLoad() {
        AofManifest m = new AofManifest();
        assertTrue(m.empty());
        assertNull(m.base());
    }
}
