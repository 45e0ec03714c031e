package archfixture.keyspace;

/** Fixture for ArchitectureTest: stands for the keyspace. */
public class Store {
    public int size() {
        return 0;
    }
}
