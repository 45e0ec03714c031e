package io.redisinternals.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RedisLogFinderTest {

    @Test
    void numbersPrintAsRedisPrintsThemWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            for (Locale l : List.of(Locale.US, Locale.GERMANY, Locale.forLanguageTag("ar-EG"))) {
                Locale.setDefault(l);
                // redis-server 7.0.15: "Starting automatic rewriting of AOF on 6728737000% growth"
                assertEquals("Starting automatic rewriting of AOF on 6719727900% growth",
                        RedisLogFinder.render("Starting automatic rewriting of AOF on {0}% growth", 6719727900L), l.toString());
                assertEquals("DB loaded from base file a.rdb: 0.5 seconds",
                        RedisLogFinder.render("DB loaded from {0} file {1}: {2} seconds", "base", "a.rdb", 0.5), l.toString());
            }
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void aMessageWithoutParametersIsPrintedAsItIs() {
        assertEquals("Can't open {0}", RedisLogFinder.render("Can't open {0}"));
    }
}
