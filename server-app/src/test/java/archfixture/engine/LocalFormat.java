package archfixture.engine;

/** Formats with the JVM's default locale, which ArchitectureTest's locale rule forbids. */
public final class LocalFormat {

    private LocalFormat() {
    }

    public static String percent(double p) {
        return String.format("%.2f", p);
    }
}
