package io.redisinternals.transport.epoll;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The portable {@link Poller}: a java.nio {@link Selector} (itself epoll on Linux, but with a lock
 * and key bookkeeping per call). Readiness is delivered through {@link Selector#select(Consumer,
 * long)}, which hands each key to one reused consumer instead of filling the selected-key set, so
 * a poll allocates nothing.
 *
 * <p>The {@link Poller} bits are the {@link SelectionKey} ones ({@code OP_READ} 1, {@code OP_WRITE}
 * 4, {@code OP_ACCEPT} 16), so they pass through unchanged.
 */
final class SelectorPoller implements Poller {

    private static final int BITS = READ | WRITE | ACCEPT;

    static {
        // The Poller constants were chosen to equal the selection-key bits; keep it so.
        assert READ == SelectionKey.OP_READ && WRITE == SelectionKey.OP_WRITE && ACCEPT == SelectionKey.OP_ACCEPT;
    }

    private final Selector selector;
    /** The sink of the poll in progress; set for the duration of one {@link #poll} call. */
    private ReadySink sink;
    private final Consumer<SelectionKey> dispatch = this::dispatch;

    SelectorPoller() throws IOException {
        selector = Selector.open();
    }

    @Override
    public String backendName() {
        return "nio-selector";
    }

    @Override
    public PollerSocket listen(InetSocketAddress address, int backlog, Object attachment) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, backlog);
            ChannelSocket socket = new ChannelSocket(channel, (InetSocketAddress) channel.getLocalAddress(), null);
            register(socket, ACCEPT, attachment);
            return socket;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public PollerSocket accept(PollerSocket listener) throws IOException {
        SocketChannel channel = ((ServerSocketChannel) ((ChannelSocket) listener).channel).accept();
        if (channel == null) {
            return null;
        }
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new ChannelSocket(channel, (InetSocketAddress) channel.getLocalAddress(),
                    (InetSocketAddress) channel.getRemoteAddress());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void register(PollerSocket socket, int interest, Object attachment) throws IOException {
        ChannelSocket s = (ChannelSocket) socket;
        s.attachment = attachment;
        s.key = s.channel.register(selector, interest & BITS, s);
    }

    @Override
    public void interest(PollerSocket socket, int interest) throws IOException {
        SelectionKey key = ((ChannelSocket) socket).key;
        if (key == null || !key.isValid()) {
            throw new IOException("socket is not registered");
        }
        key.interestOps(interest & BITS);
    }

    @Override
    public void deregister(PollerSocket socket) {
        ChannelSocket s = (ChannelSocket) socket;
        if (s.key != null) {
            s.key.cancel();
            s.key = null;
        }
    }

    @Override
    public int poll(long timeoutMillis, ReadySink sink) throws IOException {
        this.sink = sink;
        try {
            if (timeoutMillis == 0) {
                return selector.selectNow(dispatch);
            }
            // select(action, 0) blocks without limit, which is what -1 means here.
            return selector.select(dispatch, Math.max(0, timeoutMillis));
        } finally {
            this.sink = null;
        }
    }

    private void dispatch(SelectionKey key) {
        ChannelSocket s = (ChannelSocket) key.attachment();
        int ready;
        try {
            ready = key.readyOps() & BITS;
        } catch (java.nio.channels.CancelledKeyException e) {
            return; // cancelled by an earlier callback of this same poll
        }
        sink.ready(s.attachment, ready);
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() throws IOException {
        selector.close();
    }
}
