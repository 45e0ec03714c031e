package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

/** The hostile-clients suites' harness itself: a server in its own JVM answers, reports its RSS, and stops. */
class ServerProcessTest {

    @AllConfigurations
    void startsAnswersAndReportsItsMemory(String config) throws Exception {
        try (ServerProcess s = ServerProcess.start(config, 256, List.of("-XX:MaxDirectMemorySize=32m"));
             RawConnection c = s.endpoint().connect()) {
            assertEquals("+PONG\r\n", c.call("PING").rawText());
            assertTrue(s.rssBytes() > 1_000_000, "rss");
            assertTrue(s.cpuMillis() >= 0);
            c.send("*1\r\n$8\r\nSHUTDOWN\r\n");
            assertEquals(0, c.readUntilClosed().length, "redis-server answers a successful SHUTDOWN by closing");
            assertTrue(s.awaitExit(Duration.ofSeconds(20)), s.log());
        }
    }
}
