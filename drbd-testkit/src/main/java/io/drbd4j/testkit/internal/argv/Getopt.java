package io.drbd4j.testkit.internal.argv;

import java.util.ArrayList;
import java.util.List;

/**
 * glibc {@code getopt_long} as drbdadm and drbdsetup call it (permuting, {@code opterr = 1}): options are taken
 * wherever they stand until {@code --}; the other words ("operands") keep their order, and everything after
 * {@code --} follows them. Error texts are glibc 2.36's (Debian 12, where the oracle runs): {@code unrecognized
 * option '%s'} with the whole word, {@code invalid option -- '%c'}, {@code option '--%s' requires an argument},
 * {@code option requires an argument -- '%c'}, {@code option '--%s' doesn't allow an argument}.
 */
final class Getopt {
    /** Whether an option takes a value. */
    enum Arg {
        NONE,
        REQUIRED,
        /** Only as {@code --name=value}. */
        OPTIONAL
    }

    /**
     * One entry of the option table.
     *
     * @param name long name
     * @param arg whether it takes a value
     * @param shortName the short letter, or 0; also its getopt return value
     * @param backend a drbdsetup option (getopt value 257 in drbdadm-84), passed through
     */
    record Opt(String name, Arg arg, char shortName, boolean backend) {
        static Opt general(String name, Arg arg, char shortName) {
            return new Opt(name, arg, shortName, false);
        }

        static Opt backend(String name, Arg arg) {
            return new Opt(name, arg, (char) 0, true);
        }

        /** glibc treats two prefix matches as one if has_arg, flag and val agree. */
        boolean sameAs(Opt o) {
            return arg == o.arg && shortName == o.shortName && backend == o.backend;
        }
    }

    /**
     * An option found.
     *
     * @param opt the table entry
     * @param value its value, or null
     */
    record Found(Opt opt, String value) {
        /**
         * Returns {@code --name} or {@code --name=value}, how drbdadm-84 passes a backend option on.
         *
         * @return {@code --name} or {@code --name=value}, how drbdadm-84 passes a backend option on
         */
        String asLongOption() {
            return value == null ? "--" + opt.name() : "--" + opt.name() + "=" + value;
        }
    }

    /**
     * What getopt made of the words.
     *
     * @param found the options in argv order, up to the first error
     * @param operands the other words, in getopt's permuted order
     * @param error glibc's message (one line, with newline) for the first bad option, or null
     */
    record Result(List<Found> found, List<String> operands, String error) {}

    private Getopt() {}

    /**
     * Returns options, operands, and the first error.
     *
     * @param progname {@code argv[0]} as the tool prints it
     * @param args the words after the program
     * @param table the option table
     * @return options, operands, and the first error
     */
    static Result parse(String progname, List<String> args, List<Opt> table) {
        List<Found> found = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                operands.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("--")) {
                String body = a.substring(2);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                String value = eq < 0 ? null : body.substring(eq + 1);
                Opt opt = null;
                for (Opt o : table) {
                    if (o.name().equals(name)) {
                        opt = o;
                        break;
                    }
                }
                if (opt == null) {
                    List<Opt> candidates = new ArrayList<>();
                    for (Opt o : table) {
                        if (o.name().startsWith(name)) {
                            candidates.add(o);
                        }
                    }
                    if (candidates.isEmpty()) {
                        return new Result(found, operands, progname + ": unrecognized option '" + a + "'\n");
                    }
                    opt = candidates.get(0);
                    for (Opt o : candidates) {
                        if (!o.sameAs(candidates.get(0))) {
                            StringBuilder sb =
                                    new StringBuilder(progname + ": option '" + a + "' is ambiguous; possibilities:");
                            candidates.forEach(
                                    c -> sb.append(" '--").append(c.name()).append('\''));
                            return new Result(found, operands, sb.append('\n').toString());
                        }
                    }
                }
                if (opt.arg() == Arg.NONE && value != null) {
                    return new Result(
                            found, operands, progname + ": option '--" + opt.name() + "' doesn't allow an argument\n");
                }
                if (opt.arg() == Arg.REQUIRED && value == null) {
                    if (i + 1 >= args.size()) {
                        return new Result(
                                found, operands, progname + ": option '--" + opt.name() + "' requires an argument\n");
                    }
                    value = args.get(++i);
                }
                found.add(new Found(opt, value));
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    Opt opt = null;
                    for (Opt o : table) {
                        if (o.shortName() == c) {
                            opt = o;
                            break;
                        }
                    }
                    if (opt == null) {
                        return new Result(found, operands, progname + ": invalid option -- '" + c + "'\n");
                    }
                    if (opt.arg() == Arg.NONE) {
                        found.add(new Found(opt, null));
                        continue;
                    }
                    String value;
                    if (k + 1 < a.length()) {
                        value = a.substring(k + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        return new Result(found, operands, progname + ": option requires an argument -- '" + c + "'\n");
                    }
                    found.add(new Found(opt, value));
                    break;
                }
            } else {
                operands.add(a);
            }
        }
        return new Result(found, operands, null);
    }

    /**
     * Returns its basename, which drbdadm prints ({@code assign_command_names_from_argv0}).
     *
     * @param argv0 the program as run
     * @return its basename, which drbdadm prints ({@code assign_command_names_from_argv0})
     */
    static String basename(String argv0) {
        return argv0.substring(argv0.lastIndexOf('/') + 1);
    }
}
