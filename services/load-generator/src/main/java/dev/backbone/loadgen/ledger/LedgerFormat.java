package dev.backbone.loadgen.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.backbone.contracts.EventId;
import dev.backbone.contracts.EventType;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The ledger's line format: a header line {@value #HEADER}, then one line per acknowledged event,
 * tab-separated, ending in the CRC32C (8 hex digits) of everything before its last tab:
 *
 * <pre>
 * eventId  ceType  customerId  entityId  sequence  topic  (partition:offset | BUFFERED:position)  (email | -)  crc
 * </pre>
 */
final class LedgerFormat {

    static final String HEADER = "# backbone-ledger v1";
    private static final String BUFFERED = "BUFFERED:";
    private static final int FIELDS = 9;

    private LedgerFormat() {
    }

    static byte[] encode(LedgerEntry entry) {
        String placement = entry.placement() instanceof LedgerEntry.InKafka kafka
                ? kafka.partition() + ":" + kafka.offset()
                : BUFFERED + ((LedgerEntry.Buffered) entry.placement()).position();
        String body = String.join("\t", entry.eventId().toString(), entry.type().ceType(), entry.customerId(), entry.entityId(),
                Long.toString(entry.sequence()), entry.topic(), placement, entry.email() == null ? "-" : entry.email());
        return (body + "\t" + crc(body) + "\n").getBytes(UTF_8);
    }

    /**
     * Parses one line without its line break.
     *
     * @throws IllegalArgumentException naming what is wrong, when the line is damaged
     */
    static LedgerEntry decode(String line) {
        int lastTab = line.lastIndexOf('\t');
        if (lastTab < 0 || !line.substring(lastTab + 1).equals(crc(line.substring(0, lastTab)))) {
            throw new IllegalArgumentException("checksum mismatch");
        }
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException("expected " + FIELDS + " fields but found " + f.length);
        }
        EventType type = EventType.fromCeType(f[1]).orElseThrow(() -> new IllegalArgumentException("unknown event type " + f[1]));
        LedgerEntry.Placement placement;
        if (f[6].startsWith(BUFFERED)) {
            placement = new LedgerEntry.Buffered(Long.parseLong(f[6].substring(BUFFERED.length())));
        } else {
            int colon = f[6].indexOf(':');
            placement = new LedgerEntry.InKafka(Integer.parseInt(f[6].substring(0, colon)), Long.parseLong(f[6].substring(colon + 1)));
        }
        return new LedgerEntry(EventId.parse(f[0]), type, f[2], f[3], Long.parseLong(f[4]), f[5], placement,
                "-".equals(f[7]) ? null : f[7]);
    }

    private static String crc(String body) {
        CRC32C crc = new CRC32C();
        crc.update(body.getBytes(UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }
}
