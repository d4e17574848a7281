package dev.backbone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Bad reconcile flags are usage errors (exit 2) that name the flag and the fix, before anything is read or recorded. */
class ReconcileCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--checks index,logs                 | --checks: unknown check 'logs'; use a comma-separated list of index, log, ledger",
        "--checks ledger                     | --checks ledger needs --ledger FILE",
        "--ledger /nonexistent/ledger.tsv    | --ledger /nonexistent/ledger.tsv: no such file",
        "--repair --dry-run                  | --repair and --dry-run exclude each other",
        "--passes 0                          | --passes) must be between 1 and 65536, but was 0",
        "--application-id app/1              | --application-id (backbone.streams.application-id) must be the Streams app's application id",
        "--resume --repair                   | --repair cannot be combined with --resume: a resumed run keeps the options it started",
        "--resume 12 --dry-run               | --dry-run cannot be combined with --resume",
        "--checks index --resume             | --checks cannot be combined with --resume",
        "--resume 12 --passes 8              | --passes cannot be combined with --resume",
        "--resume --id-prefix t-1            | --id-prefix cannot be combined with --resume",
        "--resume --ledger /tmp/l.tsv        | --ledger cannot be combined with --resume",
        "--resume 3 --key-prefix x:          | --key-prefix cannot be combined with --resume",
        "--resume abc                        | --resume 'abc': give a run id",
        "--resume 0                          | --resume '0': give a run id",
    })
    void shouldRejectBadInputNamingTheFlag(String args, String message) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BackboneCli());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));

        int exit = cli.execute(("reconcile " + args.strip()).split(" +"));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }
}
