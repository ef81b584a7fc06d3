package io.drbd4j.examples.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is a terminal, where {@code --watch} may redraw the screen. */
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
}
