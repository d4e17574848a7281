package dev.backbone.stack.process;

/** Facts about the user the stack runs as. */
public final class OsUser {

    private OsUser() {
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
