package dev.backbone.etl.recon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The two hashes both sides compute identically, PostgreSQL in SQL ({@link #SQL_SEGMENT},
 * {@link #SQL_CHECKSUM}) and Java here: the segment of an entry is the first four hex digits of
 * md5(key) (65,536 segments); its checksum contribution is the first 60 bits of md5(key LF value),
 * combined by XOR, so a segment's checksum does not depend on the order entries are read in.
 */
final class EntryDigest {

    static final int SEGMENTS = 1 << 16;
    static final String SQL_SEGMENT = "('x' || substr(md5(k), 1, 4))::bit(16)::int";
    static final String SQL_CHECKSUM = "('x' || substr(md5(k || E'\\n' || v), 1, 15))::bit(60)::bigint";

    private EntryDigest() {
    }

    static int segment(String key) {
        byte[] md5 = md5(key);
        return ((md5[0] & 0xff) << 8) | (md5[1] & 0xff);
    }

    static long checksum(String key, String value) {
        String hex = HexFormat.of().formatHex(md5(key + "\n" + value));
        return Long.parseLong(hex.substring(0, 15), 16);
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
