package io.redisinternals.lua.interp;

import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaNumbers;
import io.redisinternals.lua.LuaString;

import java.io.ByteArrayOutputStream;

/**
 * Lua 5.1's scanner over the source bytes: one token of lookahead, plus a second on demand (the
 * parser needs it only to tell {@code name =} in table constructors). Error texts are llex.c's:
 * "chunk:line: message near 'token'".
 */
final class Lexer {

    // token kinds: single characters are their own code; the rest follow
    static final int EOS = 256, NAME = 257, NUMBER = 258, STRING = 259,
            AND = 260, BREAK = 261, DO = 262, ELSE = 263, ELSEIF = 264, END = 265, FALSE = 266, FOR = 267,
            FUNCTION = 268, IF = 269, IN = 270, LOCAL = 271, NIL = 272, NOT = 273, OR = 274, REPEAT = 275,
            RETURN = 276, THEN = 277, TRUE = 278, UNTIL = 279, WHILE = 280,
            CONCAT = 281, DOTS = 282, EQ = 283, GE = 284, LE = 285, NE = 286;

    private static final String[] RESERVED = {"and", "break", "do", "else", "elseif", "end", "false", "for",
        "function", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"};

    private final byte[] src;
    private int pos;
    final String chunkId;
    int line = 1;
    /** Line of the last token consumed (Lua's lastline: where instructions are attributed). */
    int lastLine = 1;

    int token;
    int tokenLine;
    Object tokenValue; // LuaString for NAME/STRING, Double for NUMBER
    private String tokenText; // raw text for "near" in messages

    private int aheadToken = -1;
    private Object aheadValue;
    private String aheadText;
    private int aheadLine;

    Lexer(byte[] src, String chunkId) {
        this.src = src;
        this.chunkId = chunkId;
    }

    void next() {
        lastLine = line;
        if (aheadToken >= 0) {
            token = aheadToken;
            tokenValue = aheadValue;
            tokenText = aheadText;
            tokenLine = aheadLine;
            aheadToken = -1;
            return;
        }
        token = scan();
        tokenLine = line;
    }

    int lookahead() {
        if (aheadToken < 0) {
            int t = token;
            Object v = tokenValue;
            String tx = tokenText;
            int l = tokenLine;
            aheadToken = scan();
            aheadValue = tokenValue;
            aheadText = tokenText;
            aheadLine = line;
            token = t;
            tokenValue = v;
            tokenText = tx;
            tokenLine = l;
        }
        return aheadToken;
    }

    static String tokenName(int t) {
        if (t < 256) {
            // a control character is shown by its code, as C's iscntrl in Lua's luaX_token2str
            return t < 32 || t == 127 ? "char(" + t + ")" : String.valueOf((char) t);
        }
        return switch (t) {
            case EOS -> "<eof>";
            case NAME -> "<name>";
            case NUMBER -> "<number>";
            case STRING -> "<string>";
            case CONCAT -> "..";
            case DOTS -> "...";
            case EQ -> "==";
            case GE -> ">=";
            case LE -> "<=";
            case NE -> "~=";
            default -> RESERVED[t - AND];
        };
    }

    /** luaX_syntaxerror: near the current token. */
    LuaError syntaxError(String msg) {
        return error(msg, token, tokenText);
    }

    private LuaError error(String msg, int tok, String text) {
        if (tok == 0) {
            return errorNoToken(msg); // a NUL byte's token is 0, which Lua takes for "no token"
        }
        String near = switch (tok) {
            case NAME, STRING, NUMBER -> text;
            default -> tokenName(tok);
        };
        return message(chunkId + ":" + line + ": " + msg + " near '" + near + "'");
    }

    LuaError errorNoToken(String msg) {
        return message(chunkId + ":" + line + ": " + msg);
    }

    /**
     * The message's chars are bytes (the source's tokens and a chunk name from a Lua string are
     * ISO-8859-1 strings): the message carries the source's bytes as they were, as Lua's does.
     */
    private static LuaError message(String text) {
        return LuaError.value(LuaString.wrap(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    private int peek() {
        return pos < src.length ? src[pos] & 0xff : -1;
    }

    private int peek(int off) {
        return pos + off < src.length ? src[pos + off] & 0xff : -1;
    }

    private void newline() {
        int c = src[pos++];
        if (pos < src.length && (src[pos] == '\n' || src[pos] == '\r') && src[pos] != c) {
            pos++;
        }
        line++;
        if (line >= Integer.MAX_VALUE - 2) {
            throw errorNoToken("chunk has too many lines");
        }
    }

    private static boolean isAlpha(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private int scan() {
        tokenValue = null;
        tokenText = null;
        while (true) {
            int c = peek();
            switch (c) {
                case -1:
                    return EOS;
                case '\n', '\r':
                    newline();
                    continue;
                case ' ', '\t', 0x0b, '\f':
                    pos++;
                    continue;
                case '-':
                    if (peek(1) != '-') {
                        pos++;
                        return '-';
                    }
                    pos += 2;
                    if (peek() == '[') {
                        int level = longBracketLevel();
                        if (level >= 0) {
                            readLong(level, true);
                            continue;
                        }
                    }
                    while (peek() != -1 && peek() != '\n' && peek() != '\r') {
                        pos++;
                    }
                    continue;
                case '[': {
                    int level = longBracketLevel();
                    if (level >= 0) {
                        tokenValue = readLong(level, false);
                        return STRING;
                    }
                    if (level == -1) {
                        pos++;
                        return '[';
                    }
                    String text = "[" + "=".repeat(-level - 2);
                    throw error("invalid long string delimiter", STRING, text);
                }
                case '=':
                    pos++;
                    if (peek() == '=') {
                        pos++;
                        return EQ;
                    }
                    return '=';
                case '<':
                    pos++;
                    if (peek() == '=') {
                        pos++;
                        return LE;
                    }
                    return '<';
                case '>':
                    pos++;
                    if (peek() == '=') {
                        pos++;
                        return GE;
                    }
                    return '>';
                case '~':
                    pos++;
                    if (peek() == '=') {
                        pos++;
                        return NE;
                    }
                    return '~';
                case '"', '\'':
                    return readString(c);
                case '.':
                    if (peek(1) == '.') {
                        if (peek(2) == '.') {
                            pos += 3;
                            return DOTS;
                        }
                        pos += 2;
                        return CONCAT;
                    }
                    if (!isDigit(peek(1))) {
                        pos++;
                        return '.';
                    }
                    return readNumber();
                default:
                    if (isDigit(c)) {
                        return readNumber();
                    }
                    if (isAlpha(c)) {
                        int start = pos;
                        while (isAlpha(peek()) || isDigit(peek())) {
                            pos++;
                        }
                        String word = new String(src, start, pos - start, java.nio.charset.StandardCharsets.ISO_8859_1);
                        for (int i = 0; i < RESERVED.length; i++) {
                            if (RESERVED[i].equals(word)) {
                                return AND + i;
                            }
                        }
                        tokenValue = LuaString.copyOf(src, start, pos);
                        tokenText = word;
                        return NAME;
                    }
                    pos++;
                    return c; // single-char token (the parser reports unknown ones)
            }
        }
    }

    private int readNumber() {
        int start = pos;
        while (isDigit(peek()) || peek() == '.') {
            pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
        }
        while (isAlpha(peek()) || isDigit(peek())) {
            pos++;
        }
        LuaString text = LuaString.copyOf(src, start, pos);
        tokenText = text.toString();
        Double d = LuaNumbers.parse(text);
        if (d == null) {
            throw error("malformed number", NUMBER, tokenText);
        }
        tokenValue = d;
        return NUMBER;
    }

    /** At '[': the level of "[==[" (>= 0), -1 for a lone '[', -2 for "[=" not followed by '['. */
    private int longBracketLevel() {
        int p = pos + 1;
        int level = 0;
        while (p < src.length && src[p] == '=') {
            p++;
            level++;
        }
        if (p < src.length && src[p] == '[') {
            return level;
        }
        return level == 0 ? -1 : -2 - level; // -2 - level: "[=" not followed by '['

    }

    private LuaString readLong(int level, boolean comment) {
        int startLine = line;
        pos += level + 2;
        if (peek() == '\r' || peek() == '\n') {
            newline(); // a first newline is skipped
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c == -1) {
                throw error(comment ? "unfinished long comment" : "unfinished long string", EOS, null);
            }
            // No "nesting of [[...]] is deprecated": redis-server 7.0.15's Lua reads "[[ a [[ b ]]"
            // as " a [[ b " (lua5.1 refuses it), and a nested "[[" does not count either.
            if (c == ']') {
                int p = pos + 1;
                int l = 0;
                while (p < src.length && src[p] == '=') {
                    p++;
                    l++;
                }
                if (l == level && p < src.length && src[p] == ']') {
                    pos = p + 1;
                    return LuaString.wrap(out.toByteArray());
                }
                out.write(c);
                pos++;
            } else if (c == '\n' || c == '\r') {
                out.write('\n');
                newline();
            } else {
                out.write(c);
                pos++;
            }
        }
    }

    private int readString(int quote) {
        int start = pos;
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c == quote) {
                pos++;
                break;
            }
            switch (c) {
                case -1 -> throw error("unfinished string", EOS, null);
                case '\n', '\r' -> throw error("unfinished string", STRING, soFar(quote, out));
                case '\\' -> {
                    pos++;
                    int e = peek();
                    switch (e) {
                        case 'a' -> { out.write(7); pos++; }
                        case 'b' -> { out.write(8); pos++; }
                        case 'f' -> { out.write(12); pos++; }
                        case 'n' -> { out.write('\n'); pos++; }
                        case 'r' -> { out.write('\r'); pos++; }
                        case 't' -> { out.write('\t'); pos++; }
                        case 'v' -> { out.write(11); pos++; }
                        case '\n', '\r' -> { out.write('\n'); newline(); }
                        case -1 -> { }
                        default -> {
                            if (!isDigit(e)) {
                                out.write(e);
                                pos++;
                            } else {
                                int v = 0;
                                for (int i = 0; i < 3 && isDigit(peek()); i++) {
                                    v = v * 10 + (peek() - '0');
                                    pos++;
                                }
                                if (v > 255) {
                                    throw error("escape sequence too large", STRING, soFar(quote, out));
                                }
                                out.write(v);
                            }
                        }
                    }
                }
                default -> {
                    out.write(c);
                    pos++;
                }
            }
        }
        tokenValue = LuaString.wrap(out.toByteArray());
        tokenText = text(start);
        return STRING;
    }

    /** llex.c's buffer at an error: the opening quote and the string read so far. */
    private static String soFar(int quote, ByteArrayOutputStream out) {
        return (char) quote + out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private String text(int start) {
        return new String(src, start, Math.min(pos, src.length) - start, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
