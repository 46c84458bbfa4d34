package io.recstream.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyntheticCatalogTest {
    @Test
    void readsTheTenCategoriesWithTheirWords() {
        SyntheticCatalog catalog = SyntheticCatalog.load();
        assertThat(catalog.categories()).hasSize(10).contains("electronics", "books", "automotive");
        assertThat(catalog.itemsPerCategory()).isEqualTo(100);
        int books = catalog.categories().indexOf("books");
        assertThat(catalog.words(books)).contains("novel", "thriller").doesNotContain("");
    }

    @Test
    void namesItemsSoTheCategoryIsRecoverable() {
        SyntheticCatalog catalog = SyntheticCatalog.load(250);
        int books = catalog.categories().indexOf("books");
        assertThat(catalog.item(books, 42)).isEqualTo("books-0042");
        for (int c = 0; c < catalog.categoryCount(); c++) {
            for (int i = 0; i < catalog.itemsPerCategory(); i++) {
                assertThat(SyntheticCatalog.categoryOf(catalog.item(c, i))).isEqualTo(catalog.category(c));
            }
        }
        assertThat(SyntheticCatalog.categoryOf("2571")).isNull();
        assertThat(SyntheticCatalog.categoryOf(null)).isNull();
    }

    @Test
    void refusesItemCountsBeyondFourDigits() {
        assertThatThrownBy(() -> SyntheticCatalog.load(10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyntheticCatalog.load(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
