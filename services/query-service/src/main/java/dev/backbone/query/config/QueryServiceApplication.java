package dev.backbone.query.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Entry point: wires the plain-Java look-ups ({@link QueryConfiguration}) behind the web layer. */
@SpringBootApplication(scanBasePackages = {"dev.backbone.query.config", "dev.backbone.query.web"})
@EnableConfigurationProperties(QueryProperties.class)
public class QueryServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(QueryServiceApplication.class, args);
  }
}
