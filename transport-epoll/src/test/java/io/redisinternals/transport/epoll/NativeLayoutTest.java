package io.redisinternals.transport.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The layouts C reports, against the known x86_64 Linux ABI, and the sanity check on them. */
class NativeLayoutTest {

    private static Native.Layout layout() {
        Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "x86_64 values");
        // Availability itself is asserted by NativeAvailabilityTest; no library, no layout.
        Assumptions.assumeTrue(Native.isAvailable(), () -> "JNI library unavailable: " + Native.unavailabilityCause());
        return Native.layout();
    }

    @Test
    void epollEventIsPackedOnX8664() {
        Native.Layout l = layout();
        assertEquals(12, l.epollEventSize());
        assertEquals(0, l.epollEventEventsOffset());
        assertEquals(4, l.epollEventDataOffset());
        assertEquals(8, Native.sizeofEpollData());
    }

    @Test
    void iovecIsTwoWords() {
        Native.Layout l = layout();
        assertEquals(16, l.iovecSize());
        assertEquals(0, l.iovBaseOffset());
        assertEquals(8, l.iovLenOffset());
        assertEquals(1024, l.iovMax());
        assertEquals(8, Native.sizeofPointer());
        assertEquals(8, Native.sizeofSizeT());
    }

    @Test
    void constantsAreLinuxValues() {
        Native.Layout l = layout();
        assertEquals(0x001, l.epollin());
        assertEquals(0x004, l.epollout());
        assertEquals(0x008, l.epollerr());
        assertEquals(0x010, l.epollhup());
        assertEquals(0x2000, l.epollrdhup());
        assertEquals(1, l.ctlAdd());
        assertEquals(2, l.ctlDel());
        assertEquals(3, l.ctlMod());
        assertEquals(11, l.eagain());
        assertEquals(4, l.eintr());
        assertEquals(17, l.eexist());
        assertEquals(2, l.enoent());
        assertEquals(32, Native.epipe());
        assertEquals(104, Native.econnreset());
        assertTrue(l.sockaddrScratchSize() >= Native.SA_ADDR + 16);
    }

    @Test
    void checkRejectsALayoutJavaCannotHandle() {
        Native.Layout good = layout();
        good.check(8, 8, 8);
        assertThrows(IllegalStateException.class, () -> good.check(8, 4, 4), "32-bit pointers");
        Native.Layout dataOutside = new Native.Layout(8, 0, 4, 16, 0, 8, 1024, 32,
                1, 4, 8, 16, 0x2000, 1, 3, 2, 11, 4, 17, 2);
        assertThrows(IllegalStateException.class, () -> dataOutside.check(8, 8, 8));
        Native.Layout sameBits = new Native.Layout(12, 0, 4, 16, 0, 8, 1024, 32,
                1, 1, 8, 16, 0x2000, 1, 3, 2, 11, 4, 17, 2);
        assertThrows(IllegalStateException.class, () -> sameBits.check(8, 8, 8));
    }
}
