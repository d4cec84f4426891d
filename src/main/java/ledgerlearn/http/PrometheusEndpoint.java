package ledgerlearn.http;

import ledgerlearn.learn.Learner;
import ledgerlearn.telemetry.DroppedLogLines;
import ledgerlearn.telemetry.Version;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.Scores;

/** GET /metrics: what the server has learnt, how well, and how it serves, in the Prometheus text format. */
final class PrometheusEndpoint implements Endpoint {
    /** The scores are over this many of the latest scored samples, as {@code GET /metrics/1000}. */
    static final int SCORE_WINDOW = 1000;

    private final Learner learner;
    private final RequestStats stats;
    /** {@code null} on a single server. */
    private final Replication replication;

    PrometheusEndpoint(Learner learner, RequestStats stats, Replication replication) {
        this.learner = learner;
        this.stats = stats;
        this.replication = replication;
    }

    @Override
    public Response handle(Request request) {
        request.caller().requireUnscoped("GET /metrics (Prometheus)");
        Scores scores = learner.scores(SCORE_WINDOW, Average.MACRO);
        PrometheusText text = new PrometheusText()
                .single("ledgerlearn_samples_total", "counter", "Samples stored since the server started (not those it"
                        + " found in its store).", learner.samplesArrived())
                .single("ledgerlearn_samples", "gauge", "Samples the store holds and the model learnt; fewer after a"
                        + " company's deletion.", learner.samples())
                .single("ledgerlearn_classes", "gauge", "Distinct accounts learnt.", learner.classes())
                .single("ledgerlearn_precision", "gauge", "Macro-averaged precision over the last " + SCORE_WINDOW
                        + " scored samples, as scikit-learn's precision_score with zero_division=0; NaN before any.",
                        orNaN(scores.precision()))
                .single("ledgerlearn_recall", "gauge", "Macro-averaged recall over the last " + SCORE_WINDOW
                        + " scored samples, as scikit-learn's recall_score with zero_division=0; NaN before any.",
                        orNaN(scores.recall()))
                .single("ledgerlearn_accuracy", "gauge", "Fraction of the last " + SCORE_WINDOW
                        + " scored samples whose prediction was the booked account; NaN before any.",
                        orNaN(scores.accuracy()))
                .single("ledgerlearn_scored_window_samples", "gauge", "Scored samples the precision, recall and"
                        + " accuracy gauges cover (at most " + SCORE_WINDOW + ").", scores.n())
                .single("ledgerlearn_auto_book_coverage", "gauge", "Fraction of the last " + SCORE_WINDOW
                        + " scored samples whose first suggestion was to be booked unseen; NaN before any.",
                        orNaN(scores.autoBook().coverage()))
                .single("ledgerlearn_auto_book_precision", "gauge", "Fraction of those that were the booked"
                        + " account; NaN while none was.", orNaN(scores.autoBook().precision()));
        text.family("ledgerlearn_http_requests_total", "counter",
                "HTTP requests answered, by route template (\"unmatched\" for none) and status.");
        stats.requests().forEach((key, count) -> text.sample("ledgerlearn_http_requests_total", count,
                "route", key.route(), "status", String.valueOf(key.status())));
        text.histogram("ledgerlearn_http_request_duration_seconds",
                        "Time from a request's arrival until its response was ready to send, by route template.",
                        "route", stats.durations())
                .single("ledgerlearn_store_bytes", "gauge", "Size of the sample store file.", learner.storeBytes())
                .histogram("ledgerlearn_store_fsync_duration_seconds",
                        "Time each group-commit fsync of the sample store took.", learner.syncDurations());
        if (replication != null) {
            Replication.Status status = replication.status();
            text.single("ledgerlearn_cluster_applied_offset", "gauge",
                            "Offset of the last log record this node applied; -1 before any.", status.appliedOffset())
                    .single("ledgerlearn_cluster_log_end_offset", "gauge",
                            "The log's end offset as this node last saw it; -1 before it saw it.", status.logEnd())
                    .single("ledgerlearn_cluster_lag_records", "gauge",
                            "Log records appended but not yet applied by this node; -1 while unknown.", status.lag())
                    .single("ledgerlearn_cluster_ready", "gauge",
                            "1 while this node is within --max-lag records of the log's end, else 0.", status.ready() ? 1 : 0)
                    .single("ledgerlearn_cluster_log_reachable", "gauge",
                            "1 while the last call to the log succeeded, else 0.", status.logReachable() ? 1 : 0)
                    .histogram("ledgerlearn_cluster_apply_delay_seconds",
                            "Time from a record's append to the log until this node applied it.", status.applyDelays());
        }
        text.single("ledgerlearn_log_lines_dropped_total", "counter", "Log lines dropped because stderr did not"
                + " take them in time (a full pipe); logging never blocks a request.", DroppedLogLines.count());
        text.family("ledgerlearn_build_info", "gauge", "Always 1; the version is in the label.")
                .sample("ledgerlearn_build_info", 1, "version", Version.current());
        return new Response(200, PrometheusText.CONTENT_TYPE, text.bytes());
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
