package io.drbd4j.examples.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.nio.charset.Charset;

/** Whether standard output is a terminal, where {@code --watch} may redraw the screen, and whether it takes UTF-8. */
final class Terminal {
    private Terminal() {}

    /**
     * Returns true when stdout is a terminal.
     *
     * @return true when stdout is a terminal. JDK 22+ returns a console even when output is redirected and
     *     answers with {@code Console.isTerminal()}; JDK 17 returns none then.
     */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * Returns true when what goes to stdout is encoded in UTF-8.
     *
     * @return true when the charset of stdout (JDK 19+: {@code stdout.encoding}; else the locale's, {@code
     *     native.encoding}) is UTF-8
     */
    static boolean stdoutIsUtf8() {
        String encoding = System.getProperty(
                "stdout.encoding",
                System.getProperty("native.encoding", Charset.defaultCharset().name()));
        return "UTF-8".equalsIgnoreCase(encoding) || "UTF8".equalsIgnoreCase(encoding);
    }
}
