package io.redisinternals.engine;

/**
 * Facts and actions that belong to the server process, not the keyspace, supplied by the server
 * at boot so INFO and SHUTDOWN can reach them without the keyspace depending on the server.
 */
public interface ServerHooks {

    /** INFO server {@code transport:} */
    String transportName();

    /** INFO server {@code transport_backend:} */
    String transportBackend();

    /** INFO server {@code tcp_port:} (the bound port). */
    int tcpPort();

    /** INFO server {@code executable:} */
    String executable();

    /** INFO server {@code config_file:} (empty when none). */
    String configFile();

    /**
     * SHUTDOWN was called: stop accepting, let in-flight replies finish, then exit 0. Returns at
     * once; the shutdown happens on another thread after the current command completes.
     */
    void requestShutdown();

    /** Hooks for tests and embedded use: no transport facts, shutdown ignored. */
    static ServerHooks none() {
        return new ServerHooks() {
            @Override public String transportName() { return "none"; }
            @Override public String transportBackend() { return "none"; }
            @Override public int tcpPort() { return 0; }
            @Override public String executable() { return ""; }
            @Override public String configFile() { return ""; }
            @Override public void requestShutdown() { }
        };
    }
}
