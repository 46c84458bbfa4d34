package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.state.ArrayFormat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;

class UserProfileSerializerTest {
    private static UserProfile profile() {
        UserProfile p = new UserProfile(new float[] {0.5f, -1f, 2f});
        p.interactions = 7;
        p.searches = 2;
        p.lastTs = 1_700_000_000_000L;
        p.sessionItems = 2;
        p.recent = new long[] {3, -4};
        p.recentBoughtTs = new long[] {0, UserProfile.CONSUMED};
        p.lastRecommended = new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0};
        p.seen = fingerprints(SEEN_IDS);
        return p;
    }

    /** The ids of {@link #profile}'s seen items, as formats 1 to 3 stored them. */
    private static final long[] SEEN_IDS = {-4, 3, 1L << 40};

    private static int[] fingerprints(long[] items) {
        int[] out = new int[items.length];
        for (int n = 0; n < items.length; n++) {
            out[n] = SeenItems.fingerprint(items[n]);
        }
        return out;
    }

    /**
     * {@code p} in format {@code version} (1 to 3), as a build that wrote it did: bought times
     * dense (from 2), the session (from 3), seen items as whole ids ({@link #SEEN_IDS}).
     */
    private static byte[] writeFormat(int version, UserProfile p) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        ArrayFormat.writeFloats(p.vector, out);
        out.writeLong(p.interactions);
        out.writeLong(p.searches);
        out.writeLong(p.lastTs);
        if (version >= 3) {
            out.writeInt(p.sessionItems);
        }
        ArrayFormat.writeLongs(p.recent, out);
        if (version >= 2) {
            ArrayFormat.writeLongs(p.recentBoughtTs, out);
        }
        ArrayFormat.writeLongs(p.lastRecommended, out);
        ArrayFormat.writeLongs(SEEN_IDS, out);
        return out.getCopyOfBuffer();
    }

    private static byte[] write(UserProfile p) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        UserProfileSerializer.INSTANCE.serialize(p, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void roundTripsEveryField() throws IOException {
        UserProfile p = profile();
        UserProfile back = UserProfileSerializer.INSTANCE.deserialize(new DataInputDeserializer(write(p)));
        assertThat(back).usingRecursiveComparison().isEqualTo(p);
        UserProfile empty = new UserProfile();
        assertThat(UserProfileSerializer.INSTANCE.deserialize(new DataInputDeserializer(write(empty))))
                .usingRecursiveComparison().isEqualTo(empty);
    }

    @Test
    void isFixedWidthFieldsThenLengthPrefixedArrays() throws IOException {
        // 4 + 3*4 vector, 3*8 counters, 4 session items, (4 + 2*8) recent, (4 + 1*(4 + 8)) the one
        // of them bought or rated, (4 + 3*8) last list, (4 + 3*4) seen
        assertThat(write(profile())).hasSize(16 + 24 + 4 + 20 + 16 + 28 + 16);
    }

    @Test
    void aCopyIsDeep() {
        UserProfile p = profile();
        UserProfile copy = UserProfileSerializer.INSTANCE.copy(p);
        copy.vector[0] = 9f;
        copy.seen[0] = 9;
        assertThat(p.vector[0]).isEqualTo(0.5f);
        assertThat(p.seen[0]).isEqualTo(SeenItems.fingerprint(-4));
    }

    @Test
    void flinkUsesThisSerializerForTheProfile() {
        assertThat(TypeInformation.of(UserProfile.class).createSerializer(new SerializerConfigImpl()))
                .isInstanceOf(UserProfileSerializer.class);
    }

    @Test
    void theSnapshotIsVersionedAndASnapshotOfThisVersionRestoresAsIs() throws IOException {
        TypeSerializerSnapshot<UserProfile> written = UserProfileSerializer.INSTANCE.snapshotConfiguration();
        assertThat(written.getCurrentVersion()).isEqualTo(4);
        DataOutputSerializer out = new DataOutputSerializer(16);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, written);
        TypeSerializerSnapshot<UserProfile> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<UserProfile> compatibility =
                UserProfileSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer()).isInstanceOf(UserProfileSerializer.class);
    }

    /** The snapshot a build that wrote format {@code version} left in its savepoints. */
    private TypeSerializerSnapshot<UserProfile> snapshotOfFormat(int version) throws IOException {
        DataOutputSerializer snapshotBytes = new DataOutputSerializer(16);
        snapshotBytes.writeUTF(UserProfileSerializer.Snapshot.class.getName());
        snapshotBytes.writeInt(version);
        TypeSerializerSnapshot<UserProfile> old = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snapshotBytes.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(UserProfileSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old)
                .isCompatibleAfterMigration()).isTrue();
        return old;
    }

    /** A profile written in format 3 (whole seen ids, dense bought times), as the savepoints of state format v3 and v4 hold it. */
    @Test
    void stateOfFormatThreeMigratesWithTheSeenIdsAsTheirFingerprints() throws IOException {
        TypeSerializerSnapshot<UserProfile> old = snapshotOfFormat(3);
        UserProfile p = profile();
        byte[] formatThree = writeFormat(3, p);
        assertThat(formatThree).hasSize(16 + 24 + 4 + 20 + 20 + 28 + 28); // the format-3 layout

        UserProfile migrated = old.restoreSerializer().deserialize(new DataInputDeserializer(formatThree));
        assertThat(migrated).usingRecursiveComparison().isEqualTo(p);
        assertThatThrownBy(() -> old.restoreSerializer().serialize(p, new DataOutputSerializer(64)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /** A profile written in format 2 (no session), as the savepoints of state format v2 hold it. */
    @Test
    void stateOfFormatTwoMigratesAndReadsAsASessionWithNoItems() throws IOException {
        TypeSerializerSnapshot<UserProfile> old = snapshotOfFormat(2);
        UserProfile p = profile();
        byte[] formatTwo = writeFormat(2, p);
        assertThat(formatTwo).hasSize(16 + 24 + 20 + 20 + 28 + 28); // the format-2 layout

        UserProfile migrated = old.restoreSerializer().deserialize(new DataInputDeserializer(formatTwo));
        assertThat(migrated.sessionItems).isZero();
        assertThat(migrated.lastTs).isEqualTo(p.lastTs);
        assertThat(migrated.recent).containsExactly(p.recent);
        assertThat(migrated.recentBoughtTs).containsExactly(p.recentBoughtTs);
        assertThat(migrated.seen).containsExactly(p.seen);
        assertThat(migrated.lastRecommended).containsExactly(p.lastRecommended);
    }

    /** A profile written in format 1 (no bought times), as a savepoint of an earlier release holds it. */
    @Test
    void stateOfFormatOneMigratesAndReadsAsNeverBought() throws IOException {
        TypeSerializerSnapshot<UserProfile> old = snapshotOfFormat(1);
        UserProfile p = profile();
        byte[] formatOne = writeFormat(1, p);
        assertThat(formatOne).hasSize(16 + 24 + 20 + 28 + 28); // the format-1 layout

        UserProfile migrated = old.restoreSerializer().deserialize(new DataInputDeserializer(formatOne));
        assertThat(migrated.recent).containsExactly(p.recent);
        assertThat(migrated.recentBoughtTs).containsExactly(0, 0);
        assertThat(migrated.sessionItems).isZero();
        assertThat(migrated.seen).containsExactly(p.seen);
        assertThat(migrated.lastRecommended).containsExactly(p.lastRecommended);
    }
}
