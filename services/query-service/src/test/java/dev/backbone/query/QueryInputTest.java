package dev.backbone.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryInputTest {

  @Test
  void shouldAcceptWellFormedIdsAndLowerCaseEmails() {
    assertThat(QueryInput.customerId("c-42.a_b:x@y")).isEqualTo("c-42.a_b:x@y");
    assertThat(QueryInput.email("Ada.Lovelace@Example.COM")).isEqualTo("ada.lovelace@example.com");
    assertThat(QueryInput.orderStatus("PAID")).isEqualTo("PAID");
  }

  @Test
  void shouldRejectMalformedIdsNamingTheParameterAndValue() {
    assertThatThrownBy(() -> QueryInput.customerId("a b"))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("customerId"))
        .hasMessageContaining("customerId must be 1 to 128 characters").hasMessageContaining("'a b'");
    assertThatThrownBy(() -> QueryInput.orderId("x".repeat(129))).hasMessageContaining("orderId must be");
    assertThatThrownBy(() -> QueryInput.orderId("' OR 1=1 --")).isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> QueryInput.customerId("")).hasMessage("customerId is required");
  }

  @Test
  void shouldRejectMalformedEmails() {
    for (String bad : new String[] {"no-at-sign", "a@b", "a @b.com", "@example.com", "a@@b.com"}) {
      assertThatThrownBy(() -> QueryInput.email(bad)).as(bad)
          .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("email"))
          .hasMessageContaining("email must look like name@domain.tld");
    }
    assertThatThrownBy(() -> QueryInput.email(null)).hasMessage("email is required");
  }

  @Test
  void shouldRejectUnknownStatusListingTheKnownOnes() {
    assertThatThrownBy(() -> QueryInput.orderStatus("paid"))
        .hasMessage("status must be one of [PLACED, PAID, SHIPPED, CANCELLED], but was 'paid'");
  }

  @Test
  void shouldDefaultTheLimitAndRejectOutOfRangeOrNonNumericLimits() {
    assertThat(QueryInput.limit((String) null)).isEqualTo(50);
    assertThat(QueryInput.limit("500")).isEqualTo(500);
    assertThatThrownBy(() -> QueryInput.limit("0")).hasMessage("limit must be between 1 and 500, but was 0");
    assertThatThrownBy(() -> QueryInput.limit("501")).hasMessage("limit must be between 1 and 500, but was 501");
    assertThatThrownBy(() -> QueryInput.limit("ten")).hasMessageContaining("limit must be an integer").hasMessageContaining("'ten'");
  }

  @Test
  void shouldParseCursorsAndRejectMalformedOnes() {
    assertThat(QueryInput.before(null)).isNull();
    assertThat(QueryInput.before("1767225600000")).isEqualTo(new OrderCursor(1767225600000L, null));
    assertThat(QueryInput.before("1767225600000:o-1:a")).isEqualTo(new OrderCursor(1767225600000L, "o-1:a"));
    for (String bad : new String[] {"yesterday", "-5", "12:", "12:a b"}) {
      assertThatThrownBy(() -> QueryInput.before(bad)).as(bad)
          .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("before"));
    }
  }
}
