package io.recstream.synthetic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The synthetic shop's catalogue: the categories of {@code synthetic/categories.tsv} with their
 * search words, and {@code itemsPerCategory} items in each, named {@code <category>-<4 digits>}
 * (e.g. {@code books-0042}) so that any consumer can recover the category from the item id.
 */
public final class SyntheticCatalog {
    public static final String RESOURCE = "/synthetic/categories.tsv";
    public static final int DEFAULT_ITEMS_PER_CATEGORY = 100;
    /** Four digits in the item name. */
    public static final int MAX_ITEMS_PER_CATEGORY = 10_000;

    private final List<String> categories;
    private final List<List<String>> words;
    private final String[][] items;

    SyntheticCatalog(List<String> categories, List<List<String>> words, int itemsPerCategory) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("no categories");
        }
        if (itemsPerCategory < 1 || itemsPerCategory > MAX_ITEMS_PER_CATEGORY) {
            throw new IllegalArgumentException(
                    "itemsPerCategory must be in 1.." + MAX_ITEMS_PER_CATEGORY + ": " + itemsPerCategory);
        }
        this.categories = List.copyOf(categories);
        List<List<String>> wordLists = new ArrayList<>(words.size());
        for (List<String> w : words) {
            wordLists.add(List.copyOf(w));
        }
        this.words = Collections.unmodifiableList(wordLists);
        // Names built once: the generator hands them out per event.
        this.items = new String[categories.size()][itemsPerCategory];
        for (int c = 0; c < items.length; c++) {
            for (int i = 0; i < itemsPerCategory; i++) {
                items[c][i] = String.format("%s-%04d", categories.get(c), i);
            }
        }
    }

    public static SyntheticCatalog load() {
        return load(DEFAULT_ITEMS_PER_CATEGORY);
    }

    /** Reads the categories from the classpath resource {@value #RESOURCE}. */
    public static SyntheticCatalog load(int itemsPerCategory) {
        List<String> categories = new ArrayList<>();
        List<List<String>> words = new ArrayList<>();
        try (InputStream in = SyntheticCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalStateException("no tab after the category in: " + line);
                }
                categories.add(line.substring(0, tab).trim());
                List<String> categoryWords = new ArrayList<>();
                for (String word : line.substring(tab + 1).trim().split(" ")) {
                    if (!word.isEmpty()) {
                        categoryWords.add(word);
                    }
                }
                words.add(categoryWords);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SyntheticCatalog(categories, words, itemsPerCategory);
    }

    /** The category part of an item id ({@code books} of {@code books-0042}); null if not one. */
    public static String categoryOf(String item) {
        if (item == null) {
            return null;
        }
        int dash = item.lastIndexOf('-');
        return dash > 0 ? item.substring(0, dash) : null;
    }

    public List<String> categories() {
        return categories;
    }

    public int categoryCount() {
        return categories.size();
    }

    public String category(int index) {
        return categories.get(index);
    }

    public int itemsPerCategory() {
        return items[0].length;
    }

    /** The item at {@code index} (0 = most popular) of the category at {@code category}. */
    public String item(int category, int index) {
        return items[category][index];
    }

    /** The words search queries in this category are made of. */
    public List<String> words(int category) {
        return words.get(category);
    }
}
