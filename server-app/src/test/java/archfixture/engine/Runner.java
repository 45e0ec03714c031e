package archfixture.engine;

import archfixture.engine.exec.Step;

/** Fixture: half of a deliberate package cycle (see ArchitectureTest). */
public class Runner {
    public Step first() {
        return new Step();
    }
}
