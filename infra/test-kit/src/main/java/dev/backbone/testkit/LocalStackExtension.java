package dev.backbone.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the JVM's {@link TestStack} into test constructors and methods:
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class PublisherIT {
 *     @Test
 *     void shouldSurviveLeaderLoss(TestStack stack) { ... stack.kafka().bootstrapServers() ... }
 * }
 * }</pre>
 * The stack is started once per JVM and stopped by a shutdown hook when the JVM ends. After each
 * test class the topics it made are deleted, so the shared stack does not accumulate them.
 */
public final class LocalStackExtension implements ParameterResolver, AfterAllCallback {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return TestStack.shared();
    }

    /** Deletes the topics the class made ({@link TestStack#deleteTestTopics()}). */
    @Override
    public void afterAll(ExtensionContext context) {
        TestStack.ifCreated().ifPresent(TestStack::deleteTestTopics);
    }
}
