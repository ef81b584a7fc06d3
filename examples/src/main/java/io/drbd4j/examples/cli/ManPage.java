package io.drbd4j.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Renders the picocli model of a command line as a man page in man(7) macros, so that the page says exactly what
 * {@code --help} says: the name and first description line, the top command's synopsis, description and options,
 * then a section per subcommand with its synopsis, description, options and exit codes. Hidden options and
 * commands are left out. Stateless.
 */
final class ManPage {
    private ManPage() {}

    /**
     * Returns the page's troff source.
     *
     * @param cli the command line, with its subcommands
     * @param version what the page's footer names, such as {@code drbd4j 0.1.0}
     * @return the page's troff source
     */
    static String render(CommandLine cli, String version) {
        CommandSpec spec = cli.getCommandSpec();
        String name = spec.name();
        StringBuilder page = new StringBuilder();
        page.append(".TH ")
                .append(name.toUpperCase(Locale.ROOT))
                .append(" 1 \"\" \"")
                .append(escape(version))
                .append("\" \"User Commands\"\n");
        page.append(".SH NAME\n")
                .append(escape(name))
                .append(" \\- ")
                .append(escape(firstSentence(spec.usageMessage().description())))
                .append('\n');
        page.append(".SH SYNOPSIS\n");
        synopsis(spec, page);
        for (CommandLine sub : visible(cli.getSubcommands())) {
            synopsis(sub.getCommandSpec(), page);
        }
        page.append(".SH DESCRIPTION\n");
        paragraphs(spec.usageMessage().description(), page);
        page.append(".SH OPTIONS\n");
        options(spec, page);
        page.append(".SH COMMANDS\n");
        for (CommandLine sub : visible(cli.getSubcommands())) {
            CommandSpec s = sub.getCommandSpec();
            page.append(".SS \"").append(escape(s.qualifiedName())).append("\"\n");
            synopsis(s, page);
            paragraphs(s.usageMessage().description(), page);
            options(s, page);
            Map<String, String> exitCodes = s.usageMessage().exitCodeList();
            if (!exitCodes.isEmpty()) {
                page.append(".PP\nExit codes:\n");
                exitCodes.forEach((code, meaning) -> page.append(".TP\n.B ")
                        .append(escape(code.strip()))
                        .append('\n')
                        .append(escape(text(meaning)))
                        .append('\n'));
            }
        }
        page.append(".SH SEE ALSO\n.BR drbdadm (8),\n.BR drbdsetup (8),\n.BR ssh (1)\n");
        return page.toString();
    }

    private static List<CommandLine> visible(Map<String, CommandLine> subcommands) {
        List<CommandLine> visible = new ArrayList<>();
        subcommands.forEach((alias, sub) -> {
            // A subcommand is listed once, under its name, not under each alias.
            if (alias.equals(sub.getCommandName())
                    && !sub.getCommandSpec().usageMessage().hidden()) {
                visible.add(sub);
            }
        });
        return visible;
    }

    private static void synopsis(CommandSpec spec, StringBuilder page) {
        Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
        page.append(".PP\n.nf\n")
                .append(escape(help.synopsis(0).stripTrailing()))
                .append("\n.fi\n");
    }

    private static void paragraphs(String[] lines, StringBuilder page) {
        for (String line : lines) {
            page.append(".PP\n").append(escape(text(line))).append('\n');
        }
    }

    private static void options(CommandSpec spec, StringBuilder page) {
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            String label =
                    String.join(", ", option.names()) + (option.arity().max() > 0 ? "=" + option.paramLabel() : "");
            String description = String.join(" ", option.description());
            description = description.replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValueString()));
            page.append(".TP\n.B ")
                    .append(escape(label))
                    .append('\n')
                    .append(escape(text(description)))
                    .append('\n');
        }
    }

    /** picocli's format specifiers in description text: {@code %n} a line break, {@code %%} a percent sign. */
    private static String text(String description) {
        return description.replace("%n", " ").replace("%%", "%").strip();
    }

    private static String firstSentence(String[] description) {
        String text = description.length == 0 ? "" : text(description[0]);
        int end = text.indexOf(". ");
        return end < 0 ? text.replaceAll("\\.$", "") : text.substring(0, end);
    }

    /**
     * Troff-safe text: backslashes as {@code \e}, hyphens as {@code \-} (so options copy as ASCII), and a leading
     * {@code .} or {@code '} on any line guarded with {@code \&} so that it is not read as a request.
     */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (lineStart && (c == '.' || c == '\'')) {
                b.append("\\&");
            }
            if (c == '\\') {
                b.append("\\e");
            } else if (c == '-') {
                b.append("\\-");
            } else {
                b.append(c);
            }
            lineStart = c == '\n';
        }
        return b.toString();
    }
}
