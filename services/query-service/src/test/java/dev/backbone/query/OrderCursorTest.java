package dev.backbone.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderCursorTest {

  @Test
  void shouldSortNewestFirstThenByOrderIdDescending() {
    List<OrderCursor> cursors = new ArrayList<>(List.of(new OrderCursor(1, "b"), new OrderCursor(2, "a"),
        new OrderCursor(1, "c"), new OrderCursor(2, "b")));
    cursors.sort(OrderCursor.NEWEST_FIRST);
    assertThat(cursors).extracting(OrderCursor::encode).containsExactly("2:b", "2:a", "1:c", "1:b");
  }

  @Test
  void shouldAdmitOnlyWhatComesAfterTheCursor() {
    OrderCursor cursor = new OrderCursor(100, "m");
    assertThat(cursor.admits(new OrderCursor(100, "l"))).isTrue();
    assertThat(cursor.admits(new OrderCursor(99, "z"))).isTrue();
    assertThat(cursor.admits(new OrderCursor(100, "m"))).isFalse();
    assertThat(cursor.admits(new OrderCursor(100, "n"))).isFalse();
    assertThat(cursor.admits(new OrderCursor(101, "a"))).isFalse();
  }

  @Test
  void shouldTreatABareTimeCursorAsStrictlyBefore() {
    OrderCursor cursor = new OrderCursor(100, null);
    assertThat(cursor.admits(new OrderCursor(100, "a"))).isFalse();
    assertThat(cursor.admits(new OrderCursor(99, "z"))).isTrue();
    assertThat(cursor.encode()).isEqualTo("100");
  }
}
