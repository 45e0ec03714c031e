/**
 * The blocking transport: blocking NIO sockets, one virtual thread per connection.
 *
 * <p>Threads and what they own:
 * <ul>
 *   <li>one virtual acceptor thread per listen socket ({@code accept-HOST:PORT}); it only accepts,
 *       sets TCP_NODELAY and starts the connection's owner;</li>
 *   <li>one virtual owner thread per connection ({@code conn-ID}); it alone reads the socket and
 *       calls the handler ({@code accept}, {@code onRead}, {@code onClose}), and after each
 *       callback sends everything written during it in one gathering write;</li>
 *   <li>a short-lived virtual writer thread ({@code conn-ID-writer}) when another thread flushes
 *       output, since the owner may be blocked in a read and cannot be woken;</li>
 *   <li>while delivery is suspended (a blocked client), a virtual watcher thread
 *       ({@code conn-ID-watch}) that does the socket read the parked owner cannot, and hands each
 *       read to it;</li>
 *   <li>one scheduler thread per transport ({@code close-deadlines}) that cuts a closing connection
 *       whose output cannot be sent within the close flush timeout.</li>
 * </ul>
 *
 * <p>Locks are {@link java.util.concurrent.locks.ReentrantLock}s, never {@code synchronized}, so a
 * virtual thread that waits on one releases its carrier. A blocked owner is woken for closing by
 * shutting the socket's input side (its read returns end-of-stream), and from a pause or a
 * suspension by a condition signal. No thread polls or spins: a connection at rest, blocked
 * clients included, costs no CPU. Buffers: 1 KiB per idle connection; 16 KiB buffers for bursts
 * of input and output come from a pool shared by the transport ({@code BufferPool}).
 */
package io.redisinternals.transport.blocking;
