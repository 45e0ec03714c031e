/**
 * The epoll transport: event loops over a {@link io.redisinternals.transport.epoll.Poller}, which
 * is Linux epoll through JNI ({@code EpollPoller}) or a java.nio Selector ({@code SelectorPoller}).
 *
 * <p>Threads and what they own:
 * <ul>
 *   <li>{@code io-threads} platform threads {@code epoll-loop-N}, each with its own poller. A
 *       connection belongs to one loop for life; the loop alone reads and writes its socket, calls
 *       its handler ({@code accept}, {@code onRead}, {@code onClose}) and changes its interest.
 *       Requests run to completion on the loop: no hand-off.</li>
 *   <li>Loop 0 also owns the listening sockets: it accepts and gives each new socket to a loop
 *       round robin (through that loop's task queue and a wake-up, once per connection).</li>
 *   <li>Other threads (pub/sub publishers, blocked-client replies, CLIENT KILL, transport close)
 *       never touch a socket: a write is copied onto the connection's queue, and flush, close and
 *       resume become a request bit plus, for the first bit, a task on the loop and a wake-up.</li>
 * </ul>
 *
 * <p>A read cycle reads once into the connection's direct buffer, calls {@code onRead}, and sends
 * every reply written during it in one gathering write; a partial write leaves WRITE interest on.
 * Reading stops while a connection has more than 8 MiB of unsent output and resumes below 2 MiB.
 */
package io.redisinternals.transport.epoll;
