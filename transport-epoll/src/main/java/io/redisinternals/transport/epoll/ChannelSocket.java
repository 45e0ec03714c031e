package io.redisinternals.transport.epoll;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A {@link PollerSocket} of the {@link SelectorPoller}: a non-blocking {@link SocketChannel} or
 * listening channel, its selection key once registered, and the loop's attachment (which the
 * channel's key cannot carry directly, since the key's attachment is this object).
 */
final class ChannelSocket implements PollerSocket {

    private static final System.Logger LOG = System.getLogger(ChannelSocket.class.getName());

    final SelectableChannel channel;
    private final InetSocketAddress localAddress;
    private final InetSocketAddress remoteAddress;
    /** Set by the owning poller on registration; touched only on that poller's thread. */
    SelectionKey key;
    Object attachment;

    ChannelSocket(SelectableChannel channel, InetSocketAddress localAddress, InetSocketAddress remoteAddress) {
        this.channel = channel;
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return ((SocketChannel) channel).read(dst);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return ((SocketChannel) channel).write(srcs, offset, length);
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "close failed", e);
        }
    }

    @Override
    public String toString() {
        return "ChannelSocket[" + localAddress + (remoteAddress == null ? "" : " <- " + remoteAddress) + "]";
    }
}
