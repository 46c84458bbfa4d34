package io.recstream.ranking;

import io.recstream.event.EventType;
import io.recstream.recommend.CandidateList;
import io.recstream.recommend.RankingFeatures;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The value of a record on the ranking-examples topic ({@code recstream.ranker.examples.topic}):
 * binary, versioned by its first byte; the record key is the user's numeric id (the value's bytes
 * 1 to 8, {@link #key}), so a user's examples stay in order on one partition.
 *
 * <p>Format 1, big-endian: the format byte (1); user id, the user's event number ({@code seq}),
 * event time (ms), the event's item id (0 for a search) (longs); the event's type (byte:
 * 0 view, 1 click, 2 cart, 3 purchase, 4 search, 5 rating); the ranking model version (unsigned
 * short length, UTF-8; empty: the configured model); features per candidate F and candidates N
 * (unsigned shorts); the N candidate ids (longs); the N x F features, row by row (floats).
 * 6,040 bytes for 100 candidates of 13 features with an empty version (40 + 8 N + 4 N F).
 *
 * <p>No float text: the features go as the job computed them, and the encoding runs only for
 * the lists of sampled users. A new format gets a new first byte; readers keep the old ones
 * until no topic holds them.
 */
public final class RankingExampleCodec {
    public static final byte FORMAT = 1;
    private static final int FIXED_BYTES = 1 + 8 + 8 + 8 + 8 + 1 + 2 + 2 + 2;
    /** Event types by their code on the wire; the order is the format, not the enum's. */
    private static final EventType[] TYPES = {
            EventType.VIEW, EventType.CLICK, EventType.CART, EventType.PURCHASE, EventType.SEARCH, EventType.RATING};

    private RankingExampleCodec() {}

    /**
     * The example of a list in blend order, as the user-learner made it for the event of item
     * {@code eventItemId} (0 for a search), the user's event number {@code seq}.
     */
    public static byte[] encode(CandidateList list, long eventItemId, long seq) {
        int n = list.itemIds.length;
        int width = RankingFeatures.COUNT;
        if (n > 0xFFFF || list.features.length != n * width) {
            throw new IllegalArgumentException("list of user " + list.userId + ": " + n + " candidates with "
                    + list.features.length + " features");
        }
        byte[] version = list.rankerVersion == null ? new byte[0] : list.rankerVersion.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + version.length + 8 * n + 4 * n * width);
        out.put(FORMAT)
                .putLong(list.userId)
                .putLong(seq)
                .putLong(list.ts)
                .putLong(eventItemId)
                .put(code(list.eventType))
                .putShort((short) version.length)
                .put(version)
                .putShort((short) width)
                .putShort((short) n);
        for (long id : list.itemIds) {
            out.putLong(id);
        }
        for (float f : list.features) {
            out.putFloat(f);
        }
        return out.array();
    }

    /** The record key of an encoded example: its user id's 8 bytes. */
    public static byte[] key(byte[] value) {
        return java.util.Arrays.copyOfRange(value, 1, 9);
    }

    /**
     * Reads a record of a known format.
     *
     * @throws IllegalArgumentException for another format, a truncated record or one with bytes
     *     left over, or an unknown event type
     */
    public static RankingExample decode(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        try {
            byte format = in.get();
            if (format != FORMAT) {
                throw new IllegalArgumentException("ranking example of format " + format + ", this build reads " + FORMAT);
            }
            long userId = in.getLong();
            long seq = in.getLong();
            long ts = in.getLong();
            long eventItemId = in.getLong();
            int type = in.get();
            if (type < 0 || type >= TYPES.length) {
                throw new IllegalArgumentException("ranking example with event type code " + type);
            }
            byte[] version = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(version);
            int width = Short.toUnsignedInt(in.getShort());
            int n = Short.toUnsignedInt(in.getShort());
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = in.getLong();
            }
            float[] features = new float[n * width];
            for (int i = 0; i < features.length; i++) {
                features[i] = in.getFloat();
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("ranking example with " + in.remaining() + " bytes after its features");
            }
            return new RankingExample(userId, seq, ts, TYPES[type], eventItemId,
                    new String(version, StandardCharsets.UTF_8), width, ids, features);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("ranking example truncated at " + value.length + " bytes");
        }
    }

    private static byte code(EventType type) {
        for (byte c = 0; c < TYPES.length; c++) {
            if (TYPES[c] == type) {
                return c;
            }
        }
        throw new IllegalArgumentException("event type " + type);
    }
}
