package archfixture.transport.blocking;

import archfixture.keyspace.Store;

/** Fixture for ArchitectureTest: a transport that reaches into the keyspace (forbidden). */
public class LeakyTransport {
    public int peek(Store store) {
        return store.size();
    }
}
