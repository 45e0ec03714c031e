package io.redisinternals.engine;

/**
 * A client's info string, as Redis's catClientInfoString: the CLIENT LIST/INFO line and what
 * Redis's log lines about a client print (client eviction, output-buffer limits). The fields and
 * their order are redis-server 7.0.15's; the memory figures come from {@link ClientMemory}.
 *
 * <p>Threading: under the engine's execution lock.
 */
public final class ClientInfo {

    private ClientInfo() {
    }

    /** The info string of {@code s}, without a line end. */
    public static String of(Session s, long now) {
        StringBuilder sb = new StringBuilder(320);
        append(sb, s, now);
        return sb.toString();
    }

    /** Appends the info string of {@code s}, without a line end. */
    public static void append(StringBuilder sb, Session s, long now) {
        ClientChannel ch = s.channel();
        long omem = ClientMemory.outputBytes(s);
        long obl = ClientMemory.replyBufferUsed(s);
        String cmd = s.lastCommand();
        Subscriptions subs = s.inPubSubMode() ? s.subscriptions() : null;
        sb.append("id=").append(s.id())
                .append(" addr=").append(ClientAddress.of(ch, true))
                .append(" laddr=").append(ClientAddress.of(ch, false))
                .append(" fd=").append(ch == null ? -1 : ch.fd())
                .append(" name=").append(s.name() == null ? "" : s.name())
                .append(" age=").append((now - s.createdAtMillis()) / 1000)
                .append(" idle=").append(Math.max(0, now - s.lastInteractionMillis()) / 1000)
                .append(" flags=").append(flags(s))
                .append(" db=").append(s.dbIndex())
                .append(" sub=").append(subs == null ? 0 : subs.channelCount())
                .append(" psub=").append(subs == null ? 0 : subs.patternCount())
                .append(" ssub=").append(subs == null ? 0 : subs.shardCount())
                .append(" multi=").append(s.inMulti() ? s.transaction().queuedCount() : -1)
                .append(" qbuf=").append(ClientMemory.queryBuffer(s))
                .append(" qbuf-free=").append(ClientMemory.queryBufferFree(s))
                .append(" argv-mem=").append(ClientMemory.argvBytes(s))
                .append(" multi-mem=").append(ClientMemory.multiBytes(s))
                .append(" rbs=").append(ClientMemory.replyBufferSize(s))
                .append(" rbp=").append(ClientMemory.replyBufferPeak(s))
                .append(" obl=").append(obl)
                .append(" oll=").append(ClientMemory.outputBlocks(omem))
                .append(" omem=").append(omem)
                .append(" tot-mem=").append(ClientMemory.total(s, omem))
                // Redis: 'r' while a read handler is installed (always, for a connected client), 'w'
                // while output waits for the socket. Our reply of the running command counts as that.
                .append(" events=").append(omem > 0 || obl > 0 ? "rw" : "r")
                .append(" cmd=").append(cmd == null ? "NULL" : cmd)
                .append(" user=default redir=").append(s.tracking() == null ? -1 : s.tracking().redirect())
                .append(" resp=").append(s.protocol().number());
    }

    /**
     * CLIENT LIST flags, in Redis's order: O (monitor), P (pub/sub), x (MULTI), b (blocked), t/R/B
     * (tracking, its redirect gone, BCAST), d (watched key modified), e (no-evict); N if none.
     */
    static String flags(Session s) {
        StringBuilder f = new StringBuilder(3);
        if (s.isMonitor()) {
            f.append('O');
        }
        if (s.inPubSubMode()) {
            f.append('P');
        }
        if (s.inMulti()) {
            f.append('x');
        }
        if (s.isBlocked()) {
            f.append('b');
        }
        Tracking.State t = s.tracking();
        if (t != null) {
            f.append('t');
            if (t.brokenRedirect()) {
                f.append('R');
            }
            if (t.bcast()) {
                f.append('B');
            }
        }
        if (s.transactionDirty()) {
            f.append('d');
        }
        if (s.noEvict()) {
            f.append('e');
        }
        return f.isEmpty() ? "N" : f.toString();
    }
}
