package archfixture.commands;

import archfixture.engine.Runner;

/** Fixture: a command set that reaches into the engine (see ArchitectureTest). */
public class Sneaky {
    public Object peek() {
        return new Runner();
    }
}
