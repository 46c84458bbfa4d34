package io.recstream.bench.e2e;

/**
 * The process CPU per event a throughput target leaves on this machine, beside what the job and
 * the bare skeleton of the same run took. A rate of R events/s on C cores leaves at most C / R
 * seconds of CPU per event, however the work is spread over threads; a rate per core of P leaves
 * 1 / P. When the skeleton alone takes more than that, no job that does the skeleton's work and
 * more can meet the target on this machine, so the line says so.
 */
record CpuBudget(double microsPerEvent, String basis) {
    static CpuBudget ofRate(double eventsPerSecond, int cores) {
        return new CpuBudget(cores * 1e6 / eventsPerSecond, cores + " cores busy all the time");
    }

    static CpuBudget ofRatePerCore(double eventsPerCore) {
        return new CpuBudget(1e6 / eventsPerCore, "per core");
    }

    /** The budget, the job's CPU per event and, when the run has it, the skeleton's. */
    String describe(Figures job, Figures skeleton) {
        StringBuilder out = new StringBuilder(String.format("budget %.1f µs of process CPU per event (%s); this run: the job %.1f",
                microsPerEvent, basis, job.microsPerEvent()));
        if (skeleton != null && skeleton.events() > 0) {
            out.append(String.format(", the bare skeleton %.1f", skeleton.microsPerEvent()));
            if (skeleton.microsPerEvent() > microsPerEvent) {
                out.append(" (over the budget alone)");
            }
        }
        return out.append(" µs per event").toString();
    }
}
