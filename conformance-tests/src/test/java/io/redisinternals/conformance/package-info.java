/**
 * Differential conformance tests: every wire-level suite sends the same bytes to a reference
 * redis-server 7.0.x and to our server, once per server configuration (a transport and the backend
 * it is forced onto, see {@link io.redisinternals.conformance.ServerConfiguration}), and compares
 * the replies byte for byte (RESP2 and RESP3), with narrow, named normalisers where values legitimately differ.
 *
 * <p>Switches (system properties):
 * <ul>
 *   <li>{@code conformance.reference=container|path|embedded} forces where the reference comes from
 *       (see {@link io.redisinternals.conformance.ReferenceRedis});</li>
 *   <li>{@code conformance.sut=reference} replaces our server with a second reference server: every
 *       suite must pass then, which checks the harness itself;</li>
 *   <li>{@code conformance.requireTools=true} turns a missing redis-cli / redis-benchmark from a
 *       skipped test into a failure.</li>
 * </ul>
 */
package io.redisinternals.conformance;
