package dev.backbone.query.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.query.Answer;
import dev.backbone.query.Customer;
import dev.backbone.query.QueryPath;
import dev.backbone.query.ShardUnavailableException;
import dev.backbone.query.index.StaleEntry;
import dev.backbone.query.support.TwoShards;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CustomerLookupTest {

  private final TwoShards fixture = new TwoShards();
  private final CustomerLookup lookup = new CustomerLookup(fixture.index, fixture.keys, fixture.gateway,
      fixture.repairs, fixture.metrics);
  private final String ada = fixture.customerOn(0, "ada-");
  private final String bob = fixture.customerOn(1, "bob-");

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldAnswerByIdFromTheOwningShardOnly() {
    Customer stored = fixture.putCustomer(ada, "ada@example.com");

    Answer<Customer> answer = lookup.byId(ada);

    assertThat(answer).isEqualTo(Answer.found(stored, QueryPath.SHARD));
    assertThat(fixture.shards[1].calls()).isZero();
  }

  @Test
  void shouldAnswerByEmailThroughTheIndexWhenTheRowConfirmsIt() {
    Customer stored = fixture.putCustomer(ada, "Ada@Example.com");
    fixture.indexReader.email("ada@example.com", ada);

    assertThat(lookup.byEmail("ada@example.com")).isEqualTo(Answer.found(stored, QueryPath.INDEX));
    assertThat(fixture.shards[1].calls()).isZero();
  }

  @Test
  void shouldNotReturnTheIndexedCustomerWhenTheirEmailChangedButFindTheRealOwner() {
    fixture.putCustomer(ada, "ada-new@example.com");
    Customer bobNow = fixture.putCustomer(bob, "ada@example.com");
    fixture.indexReader.email("ada@example.com", ada); // stale: the address moved to bob

    Answer<Customer> answer = lookup.byEmail("ada@example.com");

    assertThat(answer).isEqualTo(Answer.found(bobNow, QueryPath.SCATTER));
    assertThat(fixture.metrics.stale("email")).isEqualTo(1);
    assertThat(fixture.repairs.drain(10)).containsExactly(
        StaleEntry.string("test:email:ada@example.com", ada, "customer e-mail is now different"));
  }

  @Test
  void shouldAnswerNotFoundWhenAStaleEntryPointsAtADeletedCustomerAndNobodyHasTheEmail() {
    fixture.indexReader.email("gone@example.com", ada);

    assertThat(lookup.byEmail("gone@example.com")).isEqualTo(Answer.notFound(QueryPath.SCATTER));
    assertThat(fixture.metrics.stale("email")).isEqualTo(1);
  }

  @Test
  void shouldTrustAnIndexMissWithoutScattering() {
    assertThat(lookup.byEmail("nobody@example.com")).isEqualTo(Answer.notFound(QueryPath.INDEX));
    assertThat(fixture.shards[0].calls() + fixture.shards[1].calls()).isZero();
  }

  @Test
  void shouldScatterWhenTheIndexIsDown() {
    Customer stored = fixture.putCustomer(bob, "bob@example.com");
    fixture.indexReader.down(true);

    assertThat(lookup.byEmail("bob@example.com")).isEqualTo(Answer.found(stored, QueryPath.SCATTER));
    assertThat(fixture.metrics.fallbacks("index_unavailable")).isEqualTo(1);
  }

  @Test
  void shouldScatterWithinTheRedisTimeoutWhenTheIndexIsSlow() {
    Customer stored = fixture.putCustomer(ada, "ada@example.com");
    fixture.indexReader.email("ada@example.com", ada);
    fixture.indexReader.delay(Duration.ofSeconds(2));

    long start = System.nanoTime();
    Answer<Customer> answer = lookup.byEmail("ada@example.com");

    assertThat(answer).isEqualTo(Answer.found(stored, QueryPath.SCATTER));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TwoShards.REDIS_TIMEOUT.plusSeconds(1));
    assertThat(fixture.metrics.fallbacks("index_unavailable")).isEqualTo(1);
  }

  @Test
  void shouldReportTheOwningShardWhenItIsDown() {
    fixture.putCustomer(bob, "bob@example.com");
    fixture.indexReader.email("bob@example.com", bob);
    fixture.shards[1].down(true);

    assertThatThrownBy(() -> lookup.byEmail("bob@example.com"))
        .isInstanceOfSatisfying(ShardUnavailableException.class, e -> assertThat(e.shard().index()).isEqualTo(1));
    assertThatThrownBy(() -> lookup.byId(bob)).isInstanceOf(ShardUnavailableException.class);
  }

  @Test
  void shouldNeverTurnADownShardIntoNotFoundWhenScattering() {
    fixture.indexReader.down(true);
    fixture.shards[1].down(true);

    assertThatThrownBy(() -> lookup.byEmail("maybe-on-1@example.com"))
        .isInstanceOfSatisfying(ShardUnavailableException.class, e -> assertThat(e.shard().index()).isEqualTo(1));
  }

  @Test
  void shouldStillFindACustomerOnAHealthyShardWhileAnotherIsDown() {
    Customer stored = fixture.putCustomer(ada, "ada@example.com");
    fixture.indexReader.down(true);
    fixture.shards[1].down(true);

    assertThat(lookup.byEmail("ada@example.com")).isEqualTo(Answer.found(stored, QueryPath.SCATTER));
  }
}
