package io.recstream.recommend;

import static org.assertj.core.api.Assertions.assertThat;

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
        p.recent = new long[] {3, -4};
        p.recentBoughtTs = new long[] {0, UserProfile.CONSUMED};
        p.lastRecommended = new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0};
        p.seen = new long[] {-4, 3, 9};
        return p;
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
    void version1IsFixedWidthFieldsThenLengthPrefixedArrays() throws IOException {
        // 4 + 3*4 vector, 3*8 counters, (4 + 2*8) recent, (4 + 2*8) their bought times, (4 + 3*8) last list, (4 + 3*8) seen
        assertThat(write(profile())).hasSize(16 + 24 + 20 + 20 + 28 + 28);
    }

    @Test
    void aCopyIsDeep() {
        UserProfile p = profile();
        UserProfile copy = UserProfileSerializer.INSTANCE.copy(p);
        copy.vector[0] = 9f;
        copy.seen[0] = 9;
        assertThat(p.vector[0]).isEqualTo(0.5f);
        assertThat(p.seen[0]).isEqualTo(-4);
    }

    @Test
    void flinkUsesThisSerializerForTheProfile() {
        assertThat(TypeInformation.of(UserProfile.class).createSerializer(new SerializerConfigImpl()))
                .isInstanceOf(UserProfileSerializer.class);
    }

    @Test
    void theSnapshotIsVersionedAndASnapshotOfThisVersionRestoresAsIs() throws IOException {
        TypeSerializerSnapshot<UserProfile> written = UserProfileSerializer.INSTANCE.snapshotConfiguration();
        assertThat(written.getCurrentVersion()).isEqualTo(2);
        DataOutputSerializer out = new DataOutputSerializer(16);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, written);
        TypeSerializerSnapshot<UserProfile> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<UserProfile> compatibility =
                UserProfileSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer()).isInstanceOf(UserProfileSerializer.class);
    }

    /** A profile written in format 1 (no bought times), as a savepoint of an earlier release holds it. */
    @Test
    void stateOfFormatOneMigratesAndReadsAsNeverBought() throws IOException {
        DataOutputSerializer snapshotBytes = new DataOutputSerializer(16);
        snapshotBytes.writeUTF(UserProfileSerializer.Snapshot.class.getName());
        snapshotBytes.writeInt(1); // the version a format-1 build wrote its snapshot with
        TypeSerializerSnapshot<UserProfile> old = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snapshotBytes.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(UserProfileSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old)
                .isCompatibleAfterMigration()).isTrue();
        UserProfile p = profile();
        DataOutputSerializer formatOne = new DataOutputSerializer(64);
        UserProfileSerializer.READER_V1.serialize(p, formatOne);
        assertThat(formatOne.length()).isEqualTo(16 + 24 + 20 + 28 + 28); // the format-1 layout

        UserProfile migrated = old.restoreSerializer().deserialize(new DataInputDeserializer(formatOne.getCopyOfBuffer()));
        assertThat(migrated.recent).containsExactly(p.recent);
        assertThat(migrated.recentBoughtTs).containsExactly(0, 0);
        assertThat(migrated.seen).containsExactly(p.seen);
        assertThat(migrated.lastRecommended).containsExactly(p.lastRecommended);
    }
}
