package io.redisinternals.engine;

import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;

/**
 * What one client holds, computed on demand from what its session and connection really keep:
 * the figures of CLIENT LIST/INFO ({@code qbuf}, {@code qbuf-free}, {@code argv-mem},
 * {@code multi-mem}, {@code rbs}, {@code rbp}, {@code obl}, {@code oll}, {@code omem},
 * {@code tot-mem}) and the total that client eviction and {@code mem_clients_normal} add up, as
 * Redis's getClientMemoryUsage. Every figure is O(1) except argv-mem (O(arguments) of the one
 * command running or waiting); nothing is allocated.
 *
 * <p>How Redis's figures map onto our design (docs/ARCHITECTURE.md, "Client memory"):
 * <ul>
 * <li><b>qbuf</b>: bytes received and not parsed: what the transport keeps of a partial request
 *     plus what the parser holds of a big argument in progress (Redis's querybuf length);
 *     <b>qbuf-free</b>: space reserved for that big argument and not filled yet. Between requests
 *     a connection holds no query buffer (epoll reads into its loop's shared buffer, the blocking
 *     transport's small resting buffer is part of the fixed cost), so both are 0 there, where
 *     Redis shows its 20 KB querybuf's free space.</li>
 * <li><b>argv-mem</b>: the argument lengths of the command running, blocked or postponed by
 *     CLIENT PAUSE, or, for a request not fully received, of its arguments already moved out of
 *     the read buffer (the earlier arguments of a small partial request are still read-buffer
 *     bytes: they count in qbuf).</li>
 * <li><b>multi-mem</b>: the queued MULTI commands' argument bytes plus 8 per argument, exactly as
 *     Redis counts them.</li>
 * <li><b>rbs/rbp/obl</b>: the reply buffer is not a client's own: a connection takes one from a
 *     pool for each read and gives it back after. So rbs is the capacity of the buffer the client
 *     holds now (its own CLIENT LIST/INFO only; 0 for the others), rbp the bytes written to it
 *     during this read (at most rbs; no peak is kept across reads), obl the bytes in it not yet
 *     handed to the transport.</li>
 * <li><b>omem</b>: the output queued in the transport and not yet accepted by the socket (the
 *     transports queue chunks; Redis's reply list); <b>oll</b> is that in Redis's 16 KiB reply
 *     blocks (rounded up), the list length Redis would show for the same bytes: the transports
 *     do not expose their chunk counts across threads.</li>
 * <li><b>tot-mem</b>: the fixed part ({@link #fixed}: the transport's measured cost of an idle
 *     connection, session and parser included) + qbuf + qbuf-free + argv-mem + 8 per argument +
 *     multi-mem + rbs + omem, as Redis's sum (its client struct being our fixed part, its static
 *     reply buffer our rbs).</li>
 * </ul>
 * Not counted per client, where Redis adds small overheads: its subscriptions and BCAST tracking
 * prefixes (the pub/sub and tracking registries are counted once, in used_memory's dataset part)
 * and its watched keys' list nodes.
 *
 * <p>Threading: under the engine's execution lock (the connection's figures are snapshots it
 * publishes through volatile fields).
 */
public final class ClientMemory {

    /**
     * A client's fixed part when its connection does not say ({@link ClientChannel#fixedBytes}):
     * the transports measure theirs, 1.1 KB (epoll with JNI) to 5.5 KB (blocking: a virtual
     * thread's stack) per idle connection, session and parser included; this is a round figure in
     * that range. (Redis's idle client is about 3 KB once its cron shrank the buffers, 22 KB
     * before.)
     */
    public static final long FIXED_BYTES = 2 * 1024;

    /** Redis's sizeof(robj*): what it adds per argument to argv-mem's total and to multi-mem. */
    public static final int POINTER_BYTES = 8;

    /** Redis's PROTO_REPLY_CHUNK_BYTES: the reply block size in which oll is expressed. */
    static final long REPLY_BLOCK_BYTES = 16 * 1024;

    private ClientMemory() {
    }

    /** qbuf. */
    public static long queryBuffer(Session s) {
        ClientChannel ch = s.channel();
        return ch == null ? 0 : Math.max(0, ch.queryBufferBytes());
    }

    /** qbuf-free. */
    public static long queryBufferFree(Session s) {
        ClientChannel ch = s.channel();
        return ch == null ? 0 : Math.max(0, ch.queryBufferFree());
    }

    /** argv-mem: argument lengths (see the class comment). */
    public static long argvBytes(Session s) {
        Argv a = currentArgv(s);
        if (a == null) {
            ClientChannel ch = s.channel();
            return ch == null ? 0 : Math.max(0, ch.partialArgvBytes());
        }
        long bytes = 0;
        for (int i = 0; i < a.count(); i++) {
            bytes += a.length(i);
        }
        return bytes;
    }

    /** Arguments counted in argv-mem with a length of their own (8 bytes each in the total). */
    private static long argvCount(Session s) {
        Argv a = currentArgv(s);
        return a == null ? 0 : a.count();
    }

    /** The command running, blocked or postponed, or null. */
    private static Argv currentArgv(Session s) {
        Argv a = s.executingArgv();
        if (a == null && s.blockedState() != null) {
            a = s.blockedState().argv;
        }
        if (a == null && s.postponedState() != null) {
            a = s.postponedState().argv;
        }
        return a;
    }

    /** multi-mem. */
    public static long multiBytes(Session s) {
        return s.inMulti() ? s.transaction().queuedBytes() : 0;
    }

    /** rbs: capacity of the reply buffer the client holds now. */
    public static long replyBufferSize(Session s) {
        ReplyWriter out = s.executingReply();
        return out == null ? 0 : out.capacity();
    }

    /** rbp: bytes written to that buffer during this read, at most its capacity. */
    public static long replyBufferPeak(Session s) {
        ReplyWriter out = s.executingReply();
        return out == null ? 0 : Math.min(out.size(), out.capacity());
    }

    /** obl: bytes in that buffer not yet handed to the transport. */
    public static long replyBufferUsed(Session s) {
        ReplyWriter out = s.executingReply();
        return out == null ? 0 : out.pendingSize();
    }

    /** omem: output queued in the transport. */
    public static long outputBytes(Session s) {
        ClientChannel ch = s.channel();
        return ch == null ? 0 : Math.max(0, ch.pendingOutputBytes());
    }

    /** oll: omem in Redis's 16 KiB reply blocks. */
    public static long outputBlocks(long omem) {
        return (omem + REPLY_BLOCK_BYTES - 1) / REPLY_BLOCK_BYTES;
    }

    /**
     * What the client's input holds (Redis's in_usage for client_recent_max_input_buffer: the
     * query buffer's allocation plus the arguments).
     */
    public static long inputBytes(Session s) {
        return queryBuffer(s) + queryBufferFree(s) + argvBytes(s) + POINTER_BYTES * argvCount(s);
    }

    /** The client's fixed part (see {@link ClientChannel#fixedBytes}). */
    public static long fixed(Session s) {
        ClientChannel ch = s.channel();
        return ch == null ? FIXED_BYTES : ch.fixedBytes();
    }

    /** tot-mem, given omem (see the class comment). */
    public static long total(Session s, long omem) {
        return fixed(s) + inputBytes(s) + multiBytes(s) + replyBufferSize(s) + omem;
    }

    /** tot-mem. */
    public static long total(Session s) {
        return total(s, outputBytes(s));
    }

    /**
     * What closing the client would free, which client eviction weighs: tot-mem less the reply
     * buffer lent to it for the read in progress (the pool's, back in it after the read). Counting
     * that buffer made the client running a command 16 KB bigger than every idle one, so under
     * pressure the server evicted exactly the client issuing a command, even the one lifting the limit.
     */
    public static long owned(Session s, long omem) {
        return total(s, omem) - replyBufferSize(s);
    }

    public static long owned(Session s) {
        return owned(s, outputBytes(s));
    }
}
