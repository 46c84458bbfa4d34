package io.recstream.models;

/**
 * Keeps DJL from reaching the network: without these settings it probes a cloud metadata
 * address at start-up (and reports usage), which stalls or fails on machines without internet.
 * Explicit settings from the command line or environment win.
 */
final class DjlOffline {
    private DjlOffline() {}

    static void ensure() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // DJL reads OPT_OUT_TRACKING from the environment or, failing that, a system property
        if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }
}
