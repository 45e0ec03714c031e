package io.redisinternals.transport.epoll;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JNI {@link Poller}: one epoll fd, level-triggered like Redis's ae_epoll.c, plus an eventfd
 * registered for {@link #wakeup()}. Ready events land in a direct array of {@link #MAX_EVENTS}
 * {@code struct epoll_event}, read with the offsets C reported; each event's data is the fd, which
 * indexes {@link #attachments} (fds are small dense ints, so a growable array is the map: no
 * boxing, no hashing on the hot path).
 *
 * <p>Interest 0 removes the fd from the epoll set (EPOLL_CTL_DEL) while keeping its attachment:
 * epoll reports EPOLLERR/EPOLLHUP even for an empty event mask, and level-triggered that would
 * spin the loop on a socket it is deliberately not watching. That is also what Redis does.
 *
 * <p>Threading: everything on the owning loop's thread, except {@link #wakeup()}.
 */
final class EpollPoller implements Poller {

    static final int MAX_EVENTS = 1024;
    private static final int BITS = READ | WRITE | ACCEPT;

    private final Native.Layout layout;
    private final int epfd;
    private final int wakeFd;
    private final ByteBuffer events;
    private final long eventsAddress;
    private final int eventSize;
    private final int eventsOffset;
    private final int dataOffset;
    private final int epollin;
    private final int epollout;
    private final int epollErrOrHup;
    private final int epollrdhup;

    /** Indexed by fd: the attachment of a registered socket, null otherwise. */
    private Object[] attachments = new Object[256];
    /** Indexed by fd: Poller interest bits; {@link #LISTENER} marks listening sockets. */
    private int[] interests = new int[256];
    private static final int LISTENER = 1 << 30;

    /**
     * True from the wakeup() that wrote the eventfd until the poll that consumes it resets it:
     * further wakeup() calls in between cost a CAS, not a syscall.
     */
    private final AtomicBoolean woken = new AtomicBoolean();
    private boolean closed;

    /** Opens the epoll fd and the wake-up eventfd; the native layer must be available. */
    EpollPoller() throws IOException {
        Native.ensureAvailability();
        layout = Native.layout();
        eventSize = layout.epollEventSize();
        eventsOffset = layout.epollEventEventsOffset();
        dataOffset = layout.epollEventDataOffset();
        epollin = layout.epollin();
        epollout = layout.epollout();
        epollErrOrHup = layout.epollerr() | layout.epollhup();
        epollrdhup = layout.epollrdhup();
        events = ByteBuffer.allocateDirect(MAX_EVENTS * eventSize).order(ByteOrder.nativeOrder());
        eventsAddress = Native.bufferAddress(events);
        epfd = Native.check("epoll_create1", Native.epollCreate());
        int efd = -1;
        try {
            efd = Native.check("eventfd", Native.eventFd());
            Native.check("epoll_ctl", Native.epollCtl(epfd, layout.ctlAdd(), efd, epollin));
        } catch (IOException e) {
            if (efd >= 0) {
                Native.close(efd);
            }
            Native.close(epfd);
            throw e;
        }
        wakeFd = efd;
    }

    @Override
    public String backendName() {
        return "jni-epoll";
    }

    @Override
    public PollerSocket listen(InetSocketAddress address, int backlog, Object attachment) throws IOException {
        FdSocket.Scratch scratch = FdSocket.Scratch.get();
        Native.writeSockaddr(scratch.sockaddr, address);
        int fd = Native.listen(scratch.sockaddrAddress, backlog);
        if (fd < 0) {
            throw Native.ioError("listen on " + address, fd);
        }
        try {
            Native.check("getsockname", Native.localAddress(fd, scratch.sockaddrAddress));
            FdSocket socket = new FdSocket(layout, fd, true, Native.readSockaddr(scratch.sockaddr), null);
            register(socket, ACCEPT, attachment);
            return socket;
        } catch (IOException | RuntimeException e) {
            Native.close(fd);
            throw e;
        }
    }

    @Override
    public PollerSocket accept(PollerSocket listener) throws IOException {
        FdSocket.Scratch scratch = FdSocket.Scratch.get();
        int fd = Native.accept(((FdSocket) listener).checkedFd(), scratch.sockaddrAddress);
        if (fd < 0) {
            if (fd == -layout.eagain() || fd == -layout.eintr()) {
                return null;
            }
            // ECONNABORTED and friends: the connection died in the queue; the loop logs and goes on.
            throw Native.ioError("accept", fd);
        }
        try {
            InetSocketAddress remote = Native.readSockaddr(scratch.sockaddr);
            Native.check("setsockopt(TCP_NODELAY)", Native.setTcpNoDelay(fd, 1));
            Native.check("getsockname", Native.localAddress(fd, scratch.sockaddrAddress));
            return new FdSocket(layout, fd, false, Native.readSockaddr(scratch.sockaddr), remote);
        } catch (IOException | RuntimeException e) {
            Native.close(fd);
            throw e;
        }
    }

    @Override
    public void register(PollerSocket socket, int interest, Object attachment) throws IOException {
        FdSocket s = (FdSocket) socket;
        int fd = s.checkedFd();
        ensureCapacity(fd);
        int bits = interest & BITS;
        if (bits != 0) {
            // ADD even if the table says registered: a closed-but-not-deregistered fd number can be
            // reused by the kernel, and closing removed it from the epoll set.
            int r = Native.epollCtl(epfd, layout.ctlAdd(), fd, epollEvents(bits, s.isListener()));
            if (r == -layout.eexist()) {
                r = Native.epollCtl(epfd, layout.ctlMod(), fd, epollEvents(bits, s.isListener()));
            }
            Native.check("epoll_ctl", r);
        }
        attachments[fd] = attachment;
        interests[fd] = bits | (s.isListener() ? LISTENER : 0);
    }

    @Override
    public void interest(PollerSocket socket, int interest) throws IOException {
        FdSocket s = (FdSocket) socket;
        int fd = s.checkedFd();
        if (fd >= attachments.length || attachments[fd] == null) {
            throw new IOException("socket is not registered");
        }
        int old = interests[fd] & BITS;
        int bits = interest & BITS;
        if (old == bits) {
            return;
        }
        int events = epollEvents(bits, s.isListener());
        int r;
        if (bits == 0) {
            r = Native.epollCtl(epfd, layout.ctlDel(), fd, 0);
            if (r == -layout.enoent()) {
                r = 0;
            }
        } else if (old == 0) {
            r = Native.epollCtl(epfd, layout.ctlAdd(), fd, events);
            if (r == -layout.eexist()) {
                r = Native.epollCtl(epfd, layout.ctlMod(), fd, events);
            }
        } else {
            r = Native.epollCtl(epfd, layout.ctlMod(), fd, events);
            if (r == -layout.enoent()) {
                r = Native.epollCtl(epfd, layout.ctlAdd(), fd, events);
            }
        }
        Native.check("epoll_ctl", r);
        interests[fd] = bits | (interests[fd] & LISTENER);
    }

    @Override
    public void deregister(PollerSocket socket) throws IOException {
        int fd = ((FdSocket) socket).fd();
        if (fd < 0 || fd >= attachments.length || attachments[fd] == null) {
            return;
        }
        boolean watched = (interests[fd] & BITS) != 0;
        attachments[fd] = null;
        interests[fd] = 0;
        if (watched) {
            int r = Native.epollCtl(epfd, layout.ctlDel(), fd, 0);
            if (r < 0 && r != -layout.enoent()) {
                throw Native.ioError("epoll_ctl(DEL)", r);
            }
        }
    }

    @Override
    public int poll(long timeoutMillis, ReadySink sink) throws IOException {
        int timeout = timeoutMillis < 0 ? -1 : (int) Math.min(timeoutMillis, Integer.MAX_VALUE);
        int n = Native.epollWait(epfd, eventsAddress, MAX_EVENTS, timeout);
        if (n < 0) {
            throw Native.ioError("epoll_wait", n);
        }
        int reported = 0;
        for (int i = 0; i < n; i++) {
            int base = i * eventSize;
            int ev = events.getInt(base + eventsOffset);
            int fd = (int) events.getLong(base + dataOffset);
            if (fd == wakeFd) {
                Native.eventFdRead(wakeFd); // drain; -EAGAIN if a racing poll drained it already
                continue;
            }
            // An earlier callback of this batch may have deregistered (or closed) this fd.
            Object attachment = fd < attachments.length ? attachments[fd] : null;
            if (attachment == null) {
                continue;
            }
            int interest = interests[fd];
            int ready = readyOps(ev, (interest & LISTENER) != 0) & interest & BITS;
            if (ready != 0) {
                sink.ready(attachment, ready);
                reported++;
            }
        }
        // Reset after draining: a wakeup() racing with this poll either wrote before the drain
        // (consumed, and the caller runs its tasks after we return) or finds the flag still set and
        // skips the write, which is fine for the same reason. Resetting before the drain could
        // leave the flag set with the counter empty, swallowing every later wakeup.
        woken.set(false);
        return reported;
    }

    /** epoll bits -> Poller bits. Errors and hang-ups report every direction, as Redis's ae_epoll.c,
     *  so the loop finds the error (or EOF) by reading or writing. */
    private int readyOps(int ev, boolean listener) {
        int ready = 0;
        if ((ev & (epollin | epollrdhup)) != 0) {
            ready |= listener ? ACCEPT : READ;
        }
        if ((ev & epollout) != 0) {
            ready |= WRITE;
        }
        if ((ev & epollErrOrHup) != 0) {
            ready |= listener ? ACCEPT : READ | WRITE;
        }
        return ready;
    }

    private int epollEvents(int bits, boolean listener) {
        int ev = 0;
        if ((bits & (READ | ACCEPT)) != 0) {
            ev |= epollin;
            if (!listener) {
                ev |= epollrdhup;
            }
        }
        if ((bits & WRITE) != 0) {
            ev |= epollout;
        }
        return ev;
    }

    private void ensureCapacity(int fd) {
        if (fd >= attachments.length) {
            int size = Math.max(fd + 1, attachments.length * 2);
            attachments = Arrays.copyOf(attachments, size);
            interests = Arrays.copyOf(interests, size);
        }
    }

    @Override
    public void wakeup() {
        if (woken.compareAndSet(false, true)) {
            // The lock (taken at most once per poll cycle) keeps this write off an fd number that a
            // concurrent close() released and the kernel may already have handed to someone else.
            synchronized (this) {
                if (!closed) {
                    // Cannot fail but for EAGAIN at a counter of 2^64-2, which leaves it readable.
                    Native.eventFdWrite(wakeFd, 1L);
                }
            }
        }
    }

    /** Closes the epoll fd and the eventfd; registered sockets stay open (the loop owns them). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Native.close(wakeFd);
            Native.close(epfd);
        }
    }
}
