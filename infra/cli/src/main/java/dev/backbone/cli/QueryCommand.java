package dev.backbone.cli;

import dev.backbone.stack.ProjectRoot;
import dev.backbone.stack.StackLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "query", description = "Global look-ups through the query service (started by ./backbone demo): "
        + "prints the HTTP status, how it was answered (index | scatter | shard) and the JSON. Exit 1 unless 200.")
final class QueryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WHAT", description = "customer | email | order | orders | customer-orders")
    String what;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "customer id, e-mail or order id (not for orders)")
    String value;

    @Option(names = "--status", description = "Order status for 'orders' (PLACED, PAID, SHIPPED, CANCELLED).")
    String status;

    @Option(names = "--limit", defaultValue = "20", description = "Page size for 'orders' (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--before", description = "Cursor from a previous page of 'orders'.")
    String before;

    @Option(names = "--url", description = "Query service base URL (default: the local stack's, http://127.0.0.1:18085).")
    String baseUrl;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        HttpResponse<String> response;
        String path = path();
        if (baseUrl == null) {
            baseUrl = "http://127.0.0.1:" + StackLayout.developer(ProjectRoot.locate(), StackLayout.DEFAULT_SHARDS).queryServicePort();
        }
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("query service not reachable at " + baseUrl + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); start it with ./backbone demo, or pass --url");
        }
        out.printf("GET %s -> %d via %s%n%s%n", path, response.statusCode(),
                response.headers().firstValue("X-Backbone-Path").orElse("?"), response.body());
        out.flush();
        return response.statusCode() == 200 ? 0 : 1;
    }

    private String path() {
        return switch (what) {
            case "customer" -> "/customers/" + encoded(required("customer id"));
            case "email" -> "/customers?email=" + encoded(required("e-mail"));
            case "order" -> "/orders/" + encoded(required("order id"));
            case "customer-orders" -> "/customers/" + encoded(required("customer id")) + "/orders";
            case "orders" -> {
                if (status == null) {
                    throw new IllegalArgumentException("'orders' needs --status PLACED|PAID|SHIPPED|CANCELLED");
                }
                yield "/orders?status=" + encoded(status) + "&limit=" + limit + (before == null ? "" : "&before=" + encoded(before));
            }
            default -> throw new IllegalArgumentException("WHAT must be customer, email, order, orders or customer-orders, but was '"
                    + what + "'");
        };
    }

    private String required(String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + what + "' needs a " + name);
        }
        return value;
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
