package io.redisinternals.server;

import io.redisinternals.engine.config.Config;
import io.redisinternals.engine.config.ConfigException;
import io.redisinternals.resp.ProtocolException;
import io.redisinternals.resp.RequestParser;
import io.redisinternals.resp.SdsText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads configuration the way redis-server does: an optional redis.conf-syntax file (first
 * argument when it does not start with "--"; "-" means stdin), then {@code --name value ...}
 * options from the command line, which are appended to the file's text as extra lines, so a
 * command-line option overrides the file. Every directive goes through {@link Config}, the same
 * registry CONFIG GET/SET uses.
 */
final class ConfigLoader {

    /** Where the configuration came from, for INFO {@code config_file:}. */
    record Loaded(String configFile) {
    }

    private ConfigLoader() {
    }

    /**
     * Applies the command line to {@code config}.
     *
     * @throws StartupException with redis-server's "FATAL CONFIG FILE ERROR" report naming the
     *                          line and the reason
     */
    static Loaded load(List<String> args, Config config) throws StartupException {
        String file = "";
        // The file is bytes (a password may be any bytes); command-line options are appended as UTF-8.
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        int i = 0;
        if (!args.isEmpty() && !args.get(0).startsWith("--")) {
            file = args.get(0);
            i = 1;
            try {
                if (file.equals("-")) {
                    text.writeBytes(System.in.readAllBytes());
                } else {
                    text.writeBytes(Files.readAllBytes(Path.of(file)));
                }
            } catch (IOException | RuntimeException e) {
                throw new StartupException("Fatal error, can't open config file '" + file + "': " + e.getMessage(), e);
            }
            text.write('\n');
        }
        StringBuilder options = new StringBuilder();
        // As redis-server: each "--name" starts a new line, the following arguments are appended
        // quoted, so values with spaces (or empty ones, as in --save "") survive the re-parse.
        boolean first = true;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--") && a.length() > 2) {
                if (!first) {
                    options.append('\n');
                }
                options.append(a, 2, a.length());
                first = false;
            } else if (first) {
                throw new StartupException("Invalid option '" + a + "': options must start with --name");
            } else {
                options.append(' ').append(quote(a));
            }
        }
        text.writeBytes(options.toString().getBytes(StandardCharsets.UTF_8));
        applyText(text.toByteArray(), config);
        return new Loaded(file.equals("-") ? "stdin" : file);
    }

    /** Applies redis.conf text line by line. */
    static void applyText(String text, Config config) throws StartupException {
        applyText(text.getBytes(StandardCharsets.UTF_8), config);
    }

    /**
     * Applies redis.conf bytes line by line, as Redis's loadServerConfigFromString: lines trimmed of
     * " \t\r\n", split as sdssplitargs; a binary setting (requirepass) gets its arguments' exact
     * bytes, the others UTF-8 text.
     */
    static void applyText(byte[] text, Config config) throws StartupException {
        // ISO-8859-1 keeps one char per byte, so the split below sees the file's exact bytes.
        String[] lines = new String(text, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = SdsText.trim(lines[n]);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<byte[]> argv;
            try {
                argv = RequestParser.splitLine(line.getBytes(StandardCharsets.ISO_8859_1));
            } catch (ProtocolException unbalanced) {
                throw fatal(n + 1, line, "Unbalanced quotes in configuration line");
            }
            if (argv.isEmpty()) {
                continue;
            }
            String name = new String(argv.get(0), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            Config.Setting setting = config.setting(name);
            List<String> values = new ArrayList<>(argv.size() - 1);
            for (byte[] a : argv.subList(1, argv.size())) {
                values.add(setting != null ? setting.decode(a) : new String(a, StandardCharsets.UTF_8));
            }
            try {
                config.applyStartup(name, values);
            } catch (ConfigException e) {
                throw fatal(n + 1, line, e.getMessage());
            }
        }
    }

    private static StartupException fatal(int lineNo, String line, String reason) {
        return new StartupException("\n*** FATAL CONFIG FILE ERROR (redis-internals " + Version.REDIS_VERSION + ") ***\n"
                + "Reading the configuration file, at line " + lineNo + "\n"
                + ">>> '" + new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8) + "'\n" + reason);
    }

    /** Quotes an argument so {@link #split} gives it back unchanged. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /**
     * The arguments of a config line, split as Redis's sdssplitargs does — the same splitting as
     * an inline request, so it is the codec's.
     *
     * @return the arguments, or null for unbalanced quotes
     */
    static List<String> split(String line) {
        try {
            List<String> out = new ArrayList<>();
            for (byte[] arg : RequestParser.splitLine(line.getBytes(StandardCharsets.UTF_8))) {
                out.add(new String(arg, StandardCharsets.UTF_8));
            }
            return out;
        } catch (ProtocolException unbalanced) {
            return null;
        }
    }
}
