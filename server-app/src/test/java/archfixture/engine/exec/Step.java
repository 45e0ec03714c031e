package archfixture.engine.exec;

import archfixture.engine.Runner;

/** Fixture: the other half of a deliberate package cycle (see ArchitectureTest). */
public class Step {
    public Runner owner() {
        return new Runner();
    }
}
