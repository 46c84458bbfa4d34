package io.recstream.models;

import java.util.Arrays;
import java.util.Locale;

/**
 * Hashed bag of word unigrams and character trigrams: the text features of the intent models.
 *
 * <p>This is the Java half of one specification (models/README.md, "Tokenisation"); the Python
 * half is {@code encode} in models/build_intent_model.py, and the shared test vectors prove the
 * two agree index for index and bit for bit:
 *
 * <ol>
 *   <li>lower-case with {@link String#toLowerCase(Locale)} in {@link Locale#ROOT} (Python's
 *       {@code str.lower()});
 *   <li>words are maximal runs of code points that are letters or decimal digits (general
 *       category L* or Nd); everything else separates words;
 *   <li>features: {@code "w:" + word} for each word, and {@code "t:" + trigram} for each window
 *       of three code points of {@code "^" + word + "$"};
 *   <li>index = FNV-1a 32-bit hash of the feature's UTF-8 bytes, unsigned, modulo the dimension;
 *   <li>value = count of the index divided by the L2 norm of all counts (in double), as float.
 * </ol>
 *
 * Immutable and thread-safe.
 */
public final class TextFeatures {
    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;
    private static final int WORD_START = '^';
    private static final int WORD_END = '$';

    private final int dimension;

    public TextFeatures(int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        this.dimension = dimension;
    }

    public int dimension() {
        return dimension;
    }

    /** Sparse features of one text: distinct indices in ascending order and their values. */
    public record Sparse(int[] indices, float[] values) {
        public int size() {
            return indices.length;
        }
    }

    public Sparse encode(String text) {
        int[] hashed = hashedFeatures(text == null ? "" : text.toLowerCase(Locale.ROOT));
        Arrays.sort(hashed);
        int distinct = 0;
        for (int i = 0; i < hashed.length; i++) {
            if (i == 0 || hashed[i] != hashed[i - 1]) {
                distinct++;
            }
        }
        int[] indices = new int[distinct];
        int[] counts = new int[distinct];
        int k = -1;
        for (int i = 0; i < hashed.length; i++) {
            if (i == 0 || hashed[i] != hashed[i - 1]) {
                indices[++k] = hashed[i];
            }
            counts[k]++;
        }
        long sumOfSquares = 0;
        for (int count : counts) {
            sumOfSquares += (long) count * count;
        }
        double norm = Math.sqrt((double) sumOfSquares);
        float[] values = new float[distinct];
        for (int i = 0; i < distinct; i++) {
            values[i] = (float) (counts[i] / norm);
        }
        return new Sparse(indices, values);
    }

    /** The index of every feature occurrence of an already lower-cased text, unsorted. */
    private int[] hashedFeatures(String lower) {
        int[] out = new int[16];
        int size = 0;
        int[] word = new int[lower.length() + 2]; // '^', the word's code points, '$'
        int i = 0;
        while (i < lower.length()) {
            int length = 0;
            word[0] = WORD_START;
            while (i < lower.length()) {
                int cp = lower.codePointAt(i);
                if (!Character.isLetterOrDigit(cp)) {
                    break;
                }
                word[++length] = cp;
                i += Character.charCount(cp);
            }
            if (length == 0) {
                i += Character.charCount(lower.codePointAt(i));
                continue;
            }
            word[length + 1] = WORD_END;
            int needed = size + 1 + length; // one unigram, (length + 2) - 2 trigrams
            if (needed > out.length) {
                out = Arrays.copyOf(out, Math.max(needed, out.length * 2));
            }
            out[size++] = index(hash(fnv(fnv(FNV_OFFSET, 'w'), ':'), word, 1, length));
            for (int t = 0; t + 3 <= length + 2; t++) {
                out[size++] = index(hash(fnv(fnv(FNV_OFFSET, 't'), ':'), word, t, 3));
            }
        }
        return Arrays.copyOf(out, size);
    }

    private int index(int hash) {
        return Integer.remainderUnsigned(hash, dimension);
    }

    /** Continues an FNV-1a hash over the UTF-8 bytes of {@code codePoints[from, from + count)}. */
    private static int hash(int h, int[] codePoints, int from, int count) {
        for (int k = from; k < from + count; k++) {
            int cp = codePoints[k];
            if (cp < 0x80) {
                h = fnv(h, cp);
            } else if (cp < 0x800) {
                h = fnv(fnv(h, 0xC0 | (cp >> 6)), 0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                h = fnv(fnv(fnv(h, 0xE0 | (cp >> 12)), 0x80 | ((cp >> 6) & 0x3F)), 0x80 | (cp & 0x3F));
            } else {
                h = fnv(fnv(fnv(fnv(h, 0xF0 | (cp >> 18)), 0x80 | ((cp >> 12) & 0x3F)),
                        0x80 | ((cp >> 6) & 0x3F)), 0x80 | (cp & 0x3F));
            }
        }
        return h;
    }

    private static int fnv(int h, int octet) {
        return (h ^ octet) * FNV_PRIME;
    }
}
