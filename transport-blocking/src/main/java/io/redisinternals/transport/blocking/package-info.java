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
 *       output, since the owner may be blocked in a read and cannot be woken; and a close watchdog
 *       ({@code conn-ID-close}) that cuts the socket if closing cannot send its output in time.</li>
 * </ul>
 *
 * <p>Locks are {@link java.util.concurrent.locks.ReentrantLock}s, never {@code synchronized}, so a
 * virtual thread that waits on one releases its carrier. A blocked owner is woken for closing by
 * shutting the socket's input side (its read returns end-of-stream) and from a pause by a
 * condition signal. No thread polls or spins.
 */
package io.redisinternals.transport.blocking;
