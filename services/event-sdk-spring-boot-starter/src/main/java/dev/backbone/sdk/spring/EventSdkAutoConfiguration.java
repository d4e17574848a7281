package dev.backbone.sdk.spring;

import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.PublisherConfig;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Gives a Spring Boot service a ready {@link EventPublisher} when {@code backbone.sdk.bootstrap-servers}
 * is set. Uses the application's {@link OpenTelemetry} and {@link Clock} beans when present. The
 * publisher is closed with the context, which keeps buffered events on disk.
 */
@AutoConfiguration
@EnableConfigurationProperties(BackboneSdkProperties.class)
@ConditionalOnProperty(prefix = "backbone.sdk", name = "bootstrap-servers")
public class EventSdkAutoConfiguration {

  /** The validated SDK configuration. */
  @Bean
  @ConditionalOnMissingBean
  public PublisherConfig backbonePublisherConfig(BackboneSdkProperties properties) {
    return properties.toPublisherConfig();
  }

  /** The publisher. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public EventPublisher backboneEventPublisher(PublisherConfig config, ObjectProvider<OpenTelemetry> openTelemetry,
      ObjectProvider<Clock> clock) {
    EventPublisher.Builder builder = EventPublisher.builder(config);
    openTelemetry.ifAvailable(builder::openTelemetry);
    clock.ifAvailable(builder::clock);
    return builder.build();
  }
}
