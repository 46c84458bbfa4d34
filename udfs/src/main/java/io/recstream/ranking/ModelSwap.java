package io.recstream.ranking;

/**
 * One swap of the evaluation's retraining stage: the new model's version and the window of
 * ranking lists it was trained on, by event time. Every list it ranks must be of a later event
 * (the evaluation checks it). A Flink POJO.
 */
public class ModelSwap {
    public String version;
    /** Evaluated lists the stage had seen when it trained the model. */
    public long atList;
    /** Lists (those holding their target) trained on. */
    public int trainedLists;
    /** Event time of the first and the last list trained on. */
    public long trainedFrom;
    public long trainedUpTo;

    public ModelSwap() {}

    public ModelSwap(String version, long atList, int trainedLists, long trainedFrom, long trainedUpTo) {
        this.version = version;
        this.atList = atList;
        this.trainedLists = trainedLists;
        this.trainedFrom = trainedFrom;
        this.trainedUpTo = trainedUpTo;
    }
}
