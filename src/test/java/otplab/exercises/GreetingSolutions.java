package otplab.exercises;

import java.util.Map;

/** Learner files for the fixture exercise {@code greeting} (src/test/resources/fixtures/exercises). */
final class GreetingSolutions {
    static final String SLUG = "greeting";
    static final String GREETER = "Greeter.java";
    static final String PUNCTUATION = "Punctuation.java";

    /** Right on its own; with the starter's Punctuation ("?") every test still fails. */
    static final String GREETER_PASSING = """
            /** Greets people. */
            public final class Greeter {
                private Greeter() {}

                public static String greet(String name) {
                    System.out.println("greeting " + name);
                    return name.isEmpty() ? "Hello" + Punctuation.END : "Hello, " + name + Punctuation.END;
                }
            }
            """;

    static final String PUNCTUATION_FIXED = """
            /** Marks used by the greeter. */
            public final class Punctuation {
                public static final String END = "!";

                private Punctuation() {}
            }
            """;

    private GreetingSolutions() {}

    static Map<String, String> passing() {
        return Map.of(GREETER, GREETER_PASSING, PUNCTUATION, PUNCTUATION_FIXED);
    }
}
