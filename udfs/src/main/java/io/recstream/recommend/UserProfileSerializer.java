package io.recstream.recommend;

import io.recstream.state.ArrayFormat;
import io.recstream.state.FormatSnapshot;
import io.recstream.state.SerializerTypeInfo;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * The state format of a {@link UserProfile}, version 4: what changes on every event first (the
 * vector, counters, last event time and the current session's item count, fixed width), then the
 * short lists (recent items, the ones of them bought with when, the last list), then the seen
 * items, the longest part and the one a reader of the rest can skip. Arrays are a length (-1 for
 * null) followed by their elements; items are numeric ids, 8 bytes, and seen items their
 * {@link SeenItems#fingerprint}s, 4 bytes. Bought times are sparse, a count and then an
 * (index, time) pair per recent item bought or rated: most recent items are views, which the
 * dense array of format 3 spent 8 bytes each on.
 *
 * <p>The format is the project's, not Flink's POJO layout, so it is versioned by {@link Snapshot}:
 * a release that changes it raises {@link Snapshot#VERSION} and reads the old versions in a
 * migration (their readers read only: a migration writes in the current format). Version 1 had
 * no bought times: it reads as never bought; versions 1 and 2 had no session: they read as a
 * session with no items yet, which the user's next event fills; versions 1 to 3 stored seen items
 * as whole ids and bought times densely: the ids read as their fingerprints.
 */
public final class UserProfileSerializer extends TypeSerializer<UserProfile> {
    private static final long serialVersionUID = 1L;

    public static final UserProfileSerializer INSTANCE = new UserProfileSerializer(Snapshot.VERSION);
    /** Reads format 1, for the migration of savepoints written before version 2. */
    static final UserProfileSerializer READER_V1 = new UserProfileSerializer(1);
    /** Reads format 2, for the migration of savepoints written before version 3. */
    static final UserProfileSerializer READER_V2 = new UserProfileSerializer(2);
    /** Reads format 3, for the migration of savepoints written before version 4. */
    static final UserProfileSerializer READER_V3 = new UserProfileSerializer(3);

    private final int format;

    private UserProfileSerializer(int format) {
        this.format = format;
    }

    @Override
    public TypeSerializer<UserProfile> duplicate() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserProfileSerializer other && other.format == format;
    }

    @Override
    public int hashCode() {
        return format;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public UserProfile createInstance() {
        return new UserProfile();
    }

    @Override
    public UserProfile copy(UserProfile from) {
        UserProfile copy = new UserProfile(from.vector == null ? null : from.vector.clone());
        copy.interactions = from.interactions;
        copy.searches = from.searches;
        copy.lastTs = from.lastTs;
        copy.sessionItems = from.sessionItems;
        copy.recent = from.recent.clone();
        copy.recentBoughtTs = from.recentBoughtTs.clone();
        copy.lastRecommended = from.lastRecommended.clone();
        copy.seen = from.seen.clone();
        return copy;
    }

    @Override
    public UserProfile copy(UserProfile from, UserProfile reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(UserProfile p, DataOutputView out) throws IOException {
        if (format != Snapshot.VERSION) {
            throw new UnsupportedOperationException("user profile format " + format + " is read only, for migration");
        }
        ArrayFormat.writeFloats(p.vector, out);
        out.writeLong(p.interactions);
        out.writeLong(p.searches);
        out.writeLong(p.lastTs);
        out.writeInt(p.sessionItems);
        ArrayFormat.writeLongs(p.recent, out);
        writeBoughtTimes(p.recentBoughtTs, out);
        ArrayFormat.writeLongs(p.lastRecommended, out);
        ArrayFormat.writeInts(p.seen, out);
    }

    private static void writeBoughtTimes(long[] times, DataOutputView out) throws IOException {
        int bought = 0;
        for (long t : times) {
            if (t != 0L) {
                bought++;
            }
        }
        out.writeInt(bought);
        for (int k = 0; k < times.length; k++) {
            if (times[k] != 0L) {
                out.writeInt(k);
                out.writeLong(times[k]);
            }
        }
    }

    private static long[] readBoughtTimes(int recentItems, DataInputView in) throws IOException {
        long[] times = new long[recentItems];
        for (int n = in.readInt(); n > 0; n--) {
            int k = in.readInt();
            times[k] = in.readLong();
        }
        return times;
    }

    @Override
    public UserProfile deserialize(DataInputView in) throws IOException {
        UserProfile p = new UserProfile(ArrayFormat.readFloats(in));
        p.interactions = in.readLong();
        p.searches = in.readLong();
        p.lastTs = in.readLong();
        p.sessionItems = format >= 3 ? in.readInt() : 0;
        p.recent = ArrayFormat.readLongs(in);
        p.recentBoughtTs = format >= 4 ? readBoughtTimes(p.recent.length, in)
                : format >= 2 ? ArrayFormat.readLongs(in) : new long[p.recent.length];
        p.lastRecommended = ArrayFormat.readLongs(in);
        p.seen = format >= 4 ? ArrayFormat.readInts(in) : fingerprints(ArrayFormat.readLongs(in));
        return p;
    }

    private static int[] fingerprints(long[] items) {
        int[] seen = new int[items.length];
        for (int n = 0; n < items.length; n++) {
            seen[n] = SeenItems.fingerprint(items[n]);
        }
        return seen;
    }

    @Override
    public UserProfile deserialize(UserProfile reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<UserProfile> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of this serializer: its format version. */
    public static final class Snapshot extends FormatSnapshot<UserProfile> {
        /** The state format version this build writes; raise it with every format change. */
        public static final int VERSION = 4;

        public Snapshot() {
            super(VERSION, INSTANCE);
        }

        @Override
        protected TypeSerializer<UserProfile> readerOf(int version) {
            return switch (version) {
                case 1 -> READER_V1;
                case 2 -> READER_V2;
                case 3 -> READER_V3;
                default -> super.readerOf(version);
            };
        }
    }

    /** Makes Flink's type extraction use this serializer for {@link UserProfile}. */
    public static final class TypeInfo extends TypeInfoFactory<UserProfile> {
        @Override
        public TypeInformation<UserProfile> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new SerializerTypeInfo<>(UserProfile.class, INSTANCE);
        }
    }
}
