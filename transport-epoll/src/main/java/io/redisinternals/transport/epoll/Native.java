package io.redisinternals.transport.epoll;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JNI boundary and its availability, probed lazily and once: {@link #isAvailable()} loads the
 * library (System.loadLibrary, then the .so bundled in the jar) and really calls the syscalls
 * (epoll_create1, eventfd, epoll_ctl) before saying yes; the failure is kept as
 * {@link #unavailabilityCause()}. Nothing here runs when the provider is constructed, nor when
 * this class is initialised: the work happens in {@link Holder}'s initialiser, on the first
 * question.
 *
 * <p>Kill switch: {@code -Dio.redisinternals.epoll.forceUnavailable=<reason>} makes the probe fail
 * with that reason without loading anything (the transport then runs on the java.nio Selector).
 *
 * <p>The boundary (must match epoll_native.c): ints, longs and direct-buffer addresses only; every
 * call returns a non-negative result or -errno, which {@link #ioError} turns into an IOException;
 * -EAGAIN means "nothing now". Struct layouts come from C through {@link Layout}, read once and
 * checked. Socket addresses cross in a sockaddr scratch buffer (see {@link #writeSockaddr}).
 */
final class Native {

    /** System property: when set, the JNI backend reports itself unavailable with this reason. */
    static final String FORCE_UNAVAILABLE_PROPERTY = "io.redisinternals.epoll.forceUnavailable";

    // Sockaddr scratch layout (must match SA_* in epoll_native.c), native byte order.
    static final int SA_FAMILY = 0;
    static final int SA_PORT = 4;
    static final int SA_SCOPE = 8;
    static final int SA_ADDR = 12;

    private Native() {
    }

    /** Whether the JNI epoll backend works here. Probes on first call; never throws. */
    static boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    /** Why the JNI backend is unavailable, or null when it is available. */
    static Throwable unavailabilityCause() {
        return Holder.RESULT.cause();
    }

    /** Throws the cause if unavailable. */
    static void ensureAvailability() {
        Throwable cause = unavailabilityCause();
        if (cause != null) {
            throw (UnsatisfiedLinkError) new UnsatisfiedLinkError("JNI epoll unavailable: " + cause).initCause(cause);
        }
    }

    /** The struct layouts and constants of this platform; ensures availability first. */
    static Layout layout() {
        ensureAvailability();
        return Holder.RESULT.layout();
    }

    /** The outcome of one probe: a layout when available, else the cause. */
    record ProbeResult(Layout layout, Throwable cause) {
    }

    /** Initialised on the first question only (class initialisation is lazy and thread-safe). */
    private static final class Holder {
        static final ProbeResult RESULT =
                probe(System.getProperty(FORCE_UNAVAILABLE_PROPERTY), NativeLibraryLoader.defaultSteps());
    }

    /**
     * The availability probe, separate from the cached answer so tests can run it with their own
     * loader steps or kill-switch value: load the library, read and check the layout, then create
     * an epoll fd and an eventfd, register one with the other, and close both. Never throws.
     */
    static ProbeResult probe(String forcedReason, List<NativeLibraryLoader.Step> loadSteps) {
        if (forcedReason != null) {
            return new ProbeResult(null, new UnsupportedOperationException(
                    "JNI epoll disabled by -D" + FORCE_UNAVAILABLE_PROPERTY + ": " + forcedReason));
        }
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return new ProbeResult(null, new UnsupportedOperationException(
                    "JNI epoll needs Linux, this is " + System.getProperty("os.name")));
        }
        try {
            NativeLibraryLoader.load(loadSteps);
            Layout layout = Layout.read();
            probeSyscalls(layout);
            return new ProbeResult(layout, null);
        } catch (Throwable t) {
            // UnsatisfiedLinkError (no library, or a stale one missing a symbol), IOException from a
            // syscall, IllegalStateException from an odd layout: all mean "not here".
            return new ProbeResult(null, t);
        }
    }

    private static void probeSyscalls(Layout layout) throws IOException {
        int epfd = check("epoll_create1", epollCreate());
        try {
            int efd = check("eventfd", eventFd());
            try {
                check("epoll_ctl", epollCtl(epfd, layout.ctlAdd(), efd, layout.epollin()));
            } finally {
                close(efd);
            }
        } finally {
            close(epfd);
        }
    }

    /** Returns {@code result} when it is not negative, else throws the IOException for -errno. */
    static int check(String operation, int result) throws IOException {
        if (result < 0) {
            throw ioError(operation, result);
        }
        return result;
    }

    /** The IOException for a -errno result, with the C library's text ("Connection reset by peer"). */
    static IOException ioError(String operation, long negativeErrno) {
        int errno = (int) -negativeErrno;
        ByteBuffer text = ByteBuffer.allocateDirect(256);
        int length = strerror(errno, bufferAddress(text), text.capacity());
        byte[] bytes = new byte[length];
        text.get(0, bytes);
        return new NativeIoException(operation + " failed: " + new String(bytes, StandardCharsets.US_ASCII), errno);
    }

    /** An IOException that remembers its errno, so callers can tell EPIPE/ECONNRESET apart. */
    static final class NativeIoException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int errno;

        NativeIoException(String message, int errno) {
            super(message);
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }

    /**
     * Struct layouts and constants asked from C, checked once against what the Java side can
     * handle (it writes iovec fields as 64-bit values and reads epoll_event.data as one).
     */
    record Layout(int epollEventSize, int epollEventEventsOffset, int epollEventDataOffset,
                  int iovecSize, int iovBaseOffset, int iovLenOffset, int iovMax, int sockaddrScratchSize,
                  int epollin, int epollout, int epollerr, int epollhup, int epollrdhup,
                  int ctlAdd, int ctlMod, int ctlDel,
                  int eagain, int eintr, int eexist, int enoent) {

        static Layout read() {
            Layout layout = new Layout(Native.sizeofEpollEvent(), Native.offsetofEpollEventEvents(), Native.offsetofEpollEventData(),
                    Native.sizeofIovec(), Native.offsetofIovBase(), Native.offsetofIovLen(), Native.iovMax(), Native.sockaddrScratchSize(),
                    Native.epollin(), Native.epollout(), Native.epollerr(), Native.epollhup(), Native.epollrdhup(),
                    Native.epollCtlAdd(), Native.epollCtlMod(), Native.epollCtlDel(),
                    Native.eagain(), Native.eintr(), Native.eexist(), Native.enoent());
            layout.check(Native.sizeofEpollData(), Native.sizeofPointer(), Native.sizeofSizeT());
            return layout;
        }

        void check(int epollDataSize, int pointerSize, int sizeTSize) {
            require(epollDataSize == 8, "epoll_data_t is not 64 bits: " + epollDataSize);
            require(pointerSize == 8 && sizeTSize == 8, "only 64-bit pointers/size_t are supported");
            require(epollEventEventsOffset >= 0 && epollEventEventsOffset + 4 <= epollEventSize,
                    "epoll_event.events outside the struct");
            require(epollEventDataOffset >= 0 && epollEventDataOffset + 8 <= epollEventSize,
                    "epoll_event.data outside the struct");
            require(iovBaseOffset >= 0 && iovBaseOffset + 8 <= iovecSize
                    && iovLenOffset >= 0 && iovLenOffset + 8 <= iovecSize
                    && Math.abs(iovBaseOffset - iovLenOffset) >= 8, "struct iovec layout");
            require(iovMax >= 16, "IOV_MAX too small: " + iovMax);
            require(sockaddrScratchSize >= SA_ADDR + 16, "sockaddr scratch too small");
            int bits = 0;
            for (int bit : new int[] {epollin, epollout, epollerr, epollhup, epollrdhup}) {
                require(Integer.bitCount(bit) == 1 && (bits & bit) == 0, "epoll event bits not distinct");
                bits |= bit;
            }
            require(eagain > 0 && eintr > 0 && eexist > 0 && enoent > 0, "errno constants");
        }

        private static void require(boolean condition, String what) {
            if (!condition) {
                throw new IllegalStateException("unexpected native layout: " + what);
            }
        }
    }

    // ---- sockaddr scratch <-> InetSocketAddress (layout must match epoll_native.c) ----

    /** Writes {@code address} into a sockaddr scratch buffer (direct, native byte order). */
    static void writeSockaddr(ByteBuffer scratch, java.net.InetSocketAddress address) throws IOException {
        if (address.isUnresolved()) {
            throw new IOException("unresolved address " + address);
        }
        java.net.InetAddress ip = address.getAddress();
        byte[] bytes = ip.getAddress();
        scratch.putInt(SA_FAMILY, bytes.length == 4 ? 4 : 6);
        scratch.putInt(SA_PORT, address.getPort());
        scratch.putInt(SA_SCOPE, ip instanceof java.net.Inet6Address v6 ? v6.getScopeId() : 0);
        for (int i = 0; i < 16; i++) {
            scratch.put(SA_ADDR + i, i < bytes.length ? bytes[i] : 0);
        }
    }

    /** Reads a sockaddr scratch buffer; null if C could not describe the address (family 0). */
    static java.net.InetSocketAddress readSockaddr(ByteBuffer scratch) {
        int family = scratch.getInt(SA_FAMILY);
        if (family != 4 && family != 6) {
            return null;
        }
        byte[] bytes = new byte[family == 4 ? 4 : 16];
        scratch.get(SA_ADDR, bytes);
        int port = scratch.getInt(SA_PORT);
        try {
            java.net.InetAddress ip;
            int scope = scratch.getInt(SA_SCOPE);
            if (family == 6 && scope != 0) {
                ip = java.net.Inet6Address.getByAddress(null, bytes, scope);
            } else {
                // An IPv4-mapped IPv6 address comes back as an Inet4Address, as the JDK reports it.
                ip = java.net.InetAddress.getByAddress(bytes);
            }
            return new java.net.InetSocketAddress(ip, port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("address of wrong length from C", e);
        }
    }

    // ---- native methods: epoll_native.c (results >= 0, or -errno) ----

    static native int sizeofEpollEvent();
    static native int offsetofEpollEventEvents();
    static native int offsetofEpollEventData();
    static native int sizeofEpollData();
    static native int sizeofIovec();
    static native int offsetofIovBase();
    static native int offsetofIovLen();
    static native int sizeofPointer();
    static native int sizeofSizeT();
    static native int iovMax();
    static native int sockaddrScratchSize();
    static native int epollin();
    static native int epollout();
    static native int epollerr();
    static native int epollhup();
    static native int epollrdhup();
    static native int epollCtlAdd();
    static native int epollCtlMod();
    static native int epollCtlDel();
    static native int eagain();
    static native int eintr();
    static native int eexist();
    static native int enoent();
    static native int epipe();
    static native int econnreset();

    /** epoll_create1(EPOLL_CLOEXEC). */
    static native int epollCreate();

    /** epoll_ctl with data = fd. */
    static native int epollCtl(int epfd, int op, int fd, int events);

    /** Ready count into the epoll_event array at {@code eventsAddress}; 0 on EINTR. */
    static native int epollWait(int epfd, long eventsAddress, int maxEvents, int timeoutMillis);

    /** eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC). */
    static native int eventFd();

    static native int eventFdWrite(int fd, long value);

    /** The drained counter, or -EAGAIN when it was 0. */
    static native long eventFdRead(int fd);

    /** socket + SO_REUSEADDR (+ IPV6_V6ONLY) + bind + listen, non-blocking; address in the scratch. */
    static native int listen(long sockaddrAddress, int backlog);

    /** accept4(NONBLOCK | CLOEXEC); the peer address goes into the scratch. */
    static native int accept(int listenFd, long sockaddrAddress);

    static native int setTcpNoDelay(int fd, int on);

    static native int localAddress(int fd, long sockaddrAddress);

    static native int remoteAddress(int fd, long sockaddrAddress);

    /** Bytes read, 0 at end of stream, or -errno. */
    static native int read(int fd, long address, int length);

    /** send(MSG_NOSIGNAL): bytes written or -errno. */
    static native int send(int fd, long address, int length);

    /** sendmsg(MSG_NOSIGNAL) of {@code count} iovecs at {@code iovAddress}: bytes written or -errno. */
    static native long sendv(int fd, long iovAddress, int count);

    /** how: 0 read side, 1 write side, 2 both. */
    static native int shutdown(int fd, int how);

    static native int close(int fd);

    /** The base address of a direct buffer (its position not applied), or 0 for a heap buffer. */
    static native long bufferAddress(ByteBuffer buffer);

    static native int strerror(int errno, long address, int capacity);
}
