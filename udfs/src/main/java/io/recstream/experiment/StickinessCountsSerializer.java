package io.recstream.experiment;

import io.recstream.state.ArrayFormat;
import io.recstream.state.FormatSnapshot;
import io.recstream.state.SerializerTypeInfo;

import com.carrotsearch.hppc.LongHashSet;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * The format of {@link StickinessCounts} (state of the stickiness windows, and the record between
 * combiner and window), version 1: bucket, window start and end, the seven counts in declaration
 * order, then the shown item ids as an array.
 */
public final class StickinessCountsSerializer extends TypeSerializerSingleton<StickinessCounts> {
    private static final long serialVersionUID = 1L;

    public static final StickinessCountsSerializer INSTANCE = new StickinessCountsSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public StickinessCounts createInstance() {
        return new StickinessCounts();
    }

    @Override
    public StickinessCounts copy(StickinessCounts from) {
        return from.copy();
    }

    @Override
    public StickinessCounts copy(StickinessCounts from, StickinessCounts reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(StickinessCounts c, DataOutputView out) throws IOException {
        out.writeInt(c.bucket);
        out.writeLong(c.windowStart);
        out.writeLong(c.windowEnd);
        out.writeLong(c.users);
        out.writeLong(c.returningUsers);
        out.writeLong(c.interactions);
        out.writeLong(c.clickThroughs);
        out.writeLong(c.purchases);
        out.writeLong(c.purchasesFromLists);
        out.writeLong(c.listsPublished);
        ArrayFormat.writeLongs(c.shownItems.toArray(), out);
    }

    @Override
    public StickinessCounts deserialize(DataInputView in) throws IOException {
        StickinessCounts c = new StickinessCounts(in.readInt(), in.readLong(), in.readLong());
        c.users = in.readLong();
        c.returningUsers = in.readLong();
        c.interactions = in.readLong();
        c.clickThroughs = in.readLong();
        c.purchases = in.readLong();
        c.purchasesFromLists = in.readLong();
        c.listsPublished = in.readLong();
        long[] shown = ArrayFormat.readLongs(in);
        c.shownItems = new LongHashSet(shown.length);
        c.shownItems.addAll(shown);
        return c;
    }

    @Override
    public StickinessCounts deserialize(StickinessCounts reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<StickinessCounts> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of this serializer: its format version. */
    public static final class Snapshot extends FormatSnapshot<StickinessCounts> {
        /** The format version this build writes; raise it with every format change. */
        public static final int VERSION = 1;

        public Snapshot() {
            super(VERSION, INSTANCE);
        }
    }

    /** Makes Flink's type extraction use this serializer for {@link StickinessCounts}. */
    public static final class TypeInfo extends TypeInfoFactory<StickinessCounts> {
        @Override
        public TypeInformation<StickinessCounts> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new SerializerTypeInfo<>(StickinessCounts.class, INSTANCE);
        }
    }
}
