package dev.backbone.cli;

import dev.backbone.loadgen.EventSink;
import dev.backbone.loadgen.LoadGenerator;
import dev.backbone.loadgen.LoadProgress;
import dev.backbone.loadgen.LoadSpec;
import dev.backbone.loadgen.LoadSummary;
import dev.backbone.loadgen.ledger.ExpectedState;
import dev.backbone.loadgen.ledger.Ledger;
import dev.backbone.loadgen.ledger.LedgerFold;
import dev.backbone.loadgen.ledger.LedgerVerification;
import dev.backbone.loadgen.ledger.LedgerVerifier;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublisherConfig;
import dev.backbone.stack.StackLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "load", description = "Publish a customer/order/payment event mix through the SDK at a target rate and ledger "
        + "every acknowledged event (needs ./backbone up). See docs/load-generator.md.")
final class LoadCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "1000", description = "Customers in the workload (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "1000", description = "Target events per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "60s", converter = DurationConverter.class,
            description = "Longest time to publish, e.g. 90s, 5m, PT1H (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--events", paramLabel = "N", description = "Stop after N events (default: only the duration bounds the run).")
    Long events;

    @Option(names = "--ledger", paramLabel = "FILE", description = "Ledger of acknowledged events, appended to "
            + "(default .runtime/load/ledger-<id-prefix>.tsv).")
    Path ledger;

    @Option(names = "--journal", paramLabel = "DIR", description = "SDK journal directory (default .runtime/load/journal); "
            + "events buffered there are re-published by the next run on it.")
    Path journal;

    @Option(names = "--id-prefix", paramLabel = "P", description = "Prefix of customer/order/payment ids, [a-z0-9-] (default: load-<time>).")
    String idPrefix;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the event mix (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--verify", paramLabel = "LEDGER", description = "Publish nothing: check that every event of LEDGER is in "
            + "Kafka (where the ledger says), and print the expected final state's size. Exit 1 when any is missing.")
    Path verify;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        StackLayout layout = options.open(false).layout();
        if (verify != null) {
            return verify(out, layout, verify);
        }
        Path runtime = layout.runtimeDir().resolve("load");
        String prefix = idPrefix != null ? idPrefix : "load-" + Long.toString(System.currentTimeMillis(), 36);
        LoadSpec loadSpec = LoadSpec.builder().customers(customers).ratePerSecond(rate).maxDuration(duration).seed(seed)
                .maxEvents(events != null ? events : Long.MAX_VALUE).idPrefix(prefix)
                .ledger(ledger != null ? ledger : runtime.resolve("ledger-" + prefix + ".tsv")).build();
        PublisherConfig config = PublisherConfig.builder().bootstrapServers(layout.bootstrapServers()).clientId("load-generator")
                .source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(journal != null ? journal : runtime.resolve("journal")))
                .build();
        out.printf("load: %d customers, %s events/s, up to %s%s; ledger %s%n", customers, format(rate), duration,
                events == null ? "" : " or " + events + " events", loadSpec.ledger());
        out.flush();
        LoadSummary summary;
        try (EventPublisher publisher = EventPublisher.builder(config).build()) {
            summary = LoadGenerator.of(EventSink.of(publisher, config)).run(loadSpec, progress -> print(out, progress));
            if (publisher.bufferedEvents() > 0) {
                out.printf("%,d events still in the SDK journal %s; the next run on it re-publishes them%n",
                        publisher.bufferedEvents(), config.journal().directory());
            }
        }
        LoadProgress last = summary.progress();
        out.printf("done: %,d published, %,d acknowledged (%,d buffered), %,d failed%s, %,d unconfirmed in %.1f s (%s events/s); "
                        + "id prefix %s; ledger %s%n", last.published(), last.acknowledged(), last.buffered(), last.failed(),
                summary.failuresByCause().isEmpty() ? "" : " " + summary.failuresByCause(), summary.unconfirmed(),
                last.elapsed().toMillis() / 1000.0, format(last.publishRate()), summary.idPrefix(), summary.ledger());
        out.flush();
        return last.failed() == 0 && summary.unconfirmed() == 0 ? 0 : 1;
    }

    private static int verify(PrintWriter out, StackLayout layout, Path file) {
        Ledger ledger;
        try {
            ledger = Ledger.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger " + file, e);
        }
        ExpectedState expected = LedgerFold.fold(ledger.entries());
        out.printf("ledger %s: %,d entries%s; expected state: %,d customers (%,d deleted), %,d orders, %,d payments%n", file,
                ledger.entries().size(), ledger.tornTailBytes() > 0 ? " (torn tail of " + ledger.tornTailBytes() + " bytes ignored)" : "",
                expected.customers().size(), expected.customers().values().stream().filter(ExpectedState.Customer::deleted).count(),
                expected.orders().size(), expected.payments().size());
        out.flush();
        LedgerVerification result = LedgerVerifier.verify(layout.bootstrapServers(), ledger.entries(), Duration.ofMinutes(5));
        out.printf("in Kafka: %,d of %,d acknowledged events; %,d missing, %,d not at their ledgered offset, %,d duplicate records%n",
                result.found(), result.ledgered(), result.missingCount(), result.misplaced(), result.duplicates());
        if (!result.missing().isEmpty()) {
            out.println("missing (first " + result.missing().size() + "): " + result.missing());
        }
        out.flush();
        return result.complete() ? 0 : 1;
    }

    private static void print(PrintWriter out, LoadProgress progress) {
        out.printf("[%6.1fs] published %,d  acknowledged %,d (buffered %,d)  failed %,d  %s events/s%n",
                progress.elapsed().toMillis() / 1000.0, progress.published(), progress.acknowledged(), progress.buffered(),
                progress.failed(), format(progress.publishRate()));
        out.flush();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Reads {@code 90s}, {@code 5m}, {@code 2h}, {@code 500ms} or an ISO-8601 duration ({@code PT1M}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (text.startsWith("p")) {
                    return Duration.parse(text.toUpperCase(Locale.ROOT));
                }
                if (text.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
                }
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                Duration parsed = switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> null;
                };
                if (parsed != null) {
                    return parsed;
                }
            } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
                // fall through to the error naming the value
            }
            throw new IllegalArgumentException("duration must look like 90s, 5m, 2h, 500ms or PT1M but was '" + value + "'");
        }
    }
}
