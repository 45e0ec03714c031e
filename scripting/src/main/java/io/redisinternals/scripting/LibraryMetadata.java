package io.redisinternals.scripting;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A library's first line (Redis 7.0's functionExtractLibMetaData): {@code #!<engine> name=<lib>}.
 * The code handed to the engine starts at that line's newline, so line numbers stay the file's.
 *
 * @param engine    the engine named after {@code #!}
 * @param name      the library's name
 * @param codeStart where the code after the metadata starts (the newline ending it)
 */
record LibraryMetadata(String engine, String name, int codeStart) {

    static LibraryMetadata parse(byte[] code) {
        if (code.length < 2 || code[0] != '#' || code[1] != '!') {
            throw new ScriptException("ERR Missing library metadata");
        }
        int end = -1;
        for (int i = 0; i < code.length; i++) {
            if (code[i] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new ScriptException("ERR Invalid library metadata");
        }
        List<String> parts = new ArrayList<>();
        for (String p : new String(code, 0, end, StandardCharsets.ISO_8859_1).split("[ \t\r\u000b\f]+")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            throw new ScriptException("ERR Invalid library metadata");
        }
        String engine = parts.get(0).substring(Math.min(2, parts.get(0).length()));
        String name = null;
        for (String part : parts.subList(1, parts.size())) {
            if (part.regionMatches(true, 0, "name=", 0, 5)) {
                if (name != null) {
                    throw new ScriptException("ERR Invalid metadata value, name argument was given multiple times");
                }
                name = part.substring(5);
                continue;
            }
            throw new ScriptException("ERR Invalid metadata value given: " + part);
        }
        if (name == null) {
            throw new ScriptException("ERR Library name was not given");
        }
        return new LibraryMetadata(engine, name, end);
    }
}
