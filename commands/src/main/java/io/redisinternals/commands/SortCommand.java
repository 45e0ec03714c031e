package io.redisinternals.commands;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Removal;
import io.redisinternals.keyspace.types.HashValue;
import io.redisinternals.keyspace.Lookup;
import io.redisinternals.keyspace.types.ListValue;
import io.redisinternals.keyspace.types.SetValue;
import io.redisinternals.keyspace.types.SortedSetValue;
import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * SORT and SORT_RO (Redis's {@code sort.c}) over lists, sets and sorted sets: BY (a pattern with
 * {@code *}, optionally {@code ->field} of a hash; a pattern without {@code *} means "do not
 * sort"), LIMIT, GET (patterns and {@code #}), ASC/DESC, ALPHA, STORE.
 *
 * <p>Follows redis-server 7.0's algorithm step by step, since its observable details come from it:
 * options are parsed first (LIMIT's integers, then syntax), then the key's type is checked; a
 * "do not sort" set is still sorted ALPHA when STOREd (so the stored list is deterministic); a
 * list or sorted set that is not sorted is read directly in its own order, DESC reversing it and
 * LIMIT selecting the range; numeric weights are parsed as C's strtod (an empty string is 0;
 * trailing bytes, overflow and NaN are errors) and ties are broken by comparing the elements'
 * bytes. An element whose BY key is missing weighs 0 (numeric) or sorts first (ALPHA).
 * The vector holds at most the source's element count: LIMIT never allocates beyond it.
 */
public final class SortCommand {

    private SortCommand() {
    }

    private static final byte[] NOT_DOUBLE = Replies.encode("-ERR One or more scores can't be converted into double\r\n");

    public static List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.builder("sort").keyFinder(2, SortCommand::storeKey).function(SortCommand::sort).build(),
                CommandMetadata.bind("sort_ro", SortCommand::sortRo));
    }

    /**
     * Redis's sortGetKeys for the STORE destination (COMMAND GETKEYS): options are skipped with
     * their arguments (LIMIT 2, GET/BY 1); the last STORE wins.
     */
    private static int[] storeKey(Argv argv, int nameIndex, int argc) {
        int found = -1;
        for (int i = 2; i < argc; i++) {
            int at = nameIndex + i;
            if (argv.equalsIgnoreCase(at, "limit")) {
                i += 2;
            } else if (argv.equalsIgnoreCase(at, "get") || argv.equalsIgnoreCase(at, "by")) {
                i += 1;
            } else if (argv.equalsIgnoreCase(at, "store") && i + 1 < argc) {
                found = i + 1; // not skipped: Redis looks at the destination as an option name too
            }
        }
        return found < 0 ? new int[0] : new int[] {found};
    }

    static void sort(CommandContext ctx, Argv argv) {
        sortGeneric(ctx, argv, false);
    }

    static void sortRo(CommandContext ctx, Argv argv) {
        sortGeneric(ctx, argv, true);
    }

    /** One element of the vector: the element, and its numeric weight or ALPHA comparison bytes. */
    private static final class Item {
        final byte[] obj;
        double score;
        byte[] cmp;

        Item(byte[] obj) {
            this.obj = obj;
        }
    }

    private static void sortGeneric(CommandContext ctx, Argv argv, boolean readonly) {
        ReplyWriter out = ctx.reply();
        boolean desc = false;
        boolean alpha = false;
        boolean dontsort = false;
        long limitStart = 0;
        long limitCount = -1;
        byte[] sortby = null;
        int storeArg = -1;
        List<byte[]> gets = new ArrayList<>();
        int argc = argv.count();
        for (int j = 2; j < argc; j++) {
            int left = argc - j - 1;
            if (argv.equalsIgnoreCase(j, "asc")) {
                desc = false;
            } else if (argv.equalsIgnoreCase(j, "desc")) {
                desc = true;
            } else if (argv.equalsIgnoreCase(j, "alpha")) {
                alpha = true;
            } else if (argv.equalsIgnoreCase(j, "limit") && left >= 2) {
                try {
                    limitStart = argv.longValue(j + 1);
                    limitCount = argv.longValue(j + 2);
                } catch (NumberFormatException e) {
                    out.raw(Replies.NOT_INTEGER);
                    return;
                }
                j += 2;
            } else if (!readonly && argv.equalsIgnoreCase(j, "store") && left >= 1) {
                storeArg = ++j;
            } else if (argv.equalsIgnoreCase(j, "by") && left >= 1) {
                sortby = argv.bytes(++j);
                if (indexOf(sortby, (byte) '*', 0) < 0) {
                    dontsort = true; // a constant BY: nothing to sort by
                }
            } else if (argv.equalsIgnoreCase(j, "get") && left >= 1) {
                gets.add(argv.bytes(++j));
            } else {
                out.raw(Replies.SYNTAX_ERROR);
                return;
            }
        }

        Object value = ctx.lookupRead(argv, 1);
        if (value != null && !(value instanceof ListValue) && !(value instanceof SetValue)
                && !(value instanceof SortedSetValue)) {
            out.raw(Replies.WRONGTYPE);
            return;
        }
        if (dontsort && value instanceof SetValue && storeArg >= 0) {
            // A set has no order of its own: what is stored must not depend on the hash table.
            dontsort = false;
            alpha = true;
            sortby = null;
        }
        if (value instanceof SortedSetValue z) {
            z.convertToSkipList(); // as Redis (OBJECT ENCODING reports skiplist afterwards)
        }
        long size = value == null ? 0 : ((io.redisinternals.keyspace.types.TypedValue) value).size();
        int vectorLen = (int) size;
        // As redis-server 7.0.15, offset and count are first clamped to the size, so that their sum
        // cannot overflow (LIMIT 2 9223372036854775807 is "from 2 to the end").
        long start = Math.min(Math.max(limitStart, 0), vectorLen);
        limitCount = Math.min(Math.max(limitCount, -1), vectorLen);
        long end = limitCount < 0 ? vectorLen - 1 : start + limitCount - 1;
        if (start >= vectorLen) {
            start = vectorLen - 1;
            end = vectorLen - 2;
        }
        if (end >= vectorLen) {
            end = vectorLen - 1;
        }

        List<Item> vector = new ArrayList<>();
        boolean direct = dontsort && (value instanceof ListValue || value instanceof SortedSetValue);
        if (direct) {
            // Read only the selected range, in the source's own order (reversed by DESC).
            if (end >= start) {
                loadRange(value, start, end, desc, vector);
            }
            end -= start;
            start = 0;
        } else if (value != null) {
            loadAll(value, vector);
        }

        Database db = ctx.db();
        if (!dontsort) {
            boolean conversionError = false;
            for (Item it : vector) {
                byte[] by;
                if (sortby != null) {
                    by = lookupByPattern(ctx, db, sortby, it.obj);
                    if (by == null) {
                        continue;
                    }
                } else {
                    by = it.obj;
                }
                if (alpha) {
                    if (sortby != null) {
                        it.cmp = by;
                    }
                } else {
                    int[] endPos = new int[2];
                    double d = SortedSetScores.strtod(by, 0, nulTerminatedLength(by), endPos);
                    if (endPos[0] != nulTerminatedLength(by) || endPos[1] != 0 || Double.isNaN(d)) {
                        conversionError = true;
                    }
                    it.score = d;
                }
            }
            if (conversionError) {
                out.raw(NOT_DOUBLE);
                return;
            }
            vector.sort(comparator(alpha, sortby != null, desc));
        }

        int getops = gets.size();
        long outputLen = end >= start ? (getops > 0 ? (long) getops * (end - start + 1) : end - start + 1) : 0;
        if (storeArg < 0) {
            out.arrayHeader(outputLen);
            for (long j = start; j <= end; j++) {
                Item it = vector.get((int) j);
                if (getops == 0) {
                    out.bulk(it.obj);
                }
                for (byte[] pattern : gets) {
                    byte[] v = lookupByPattern(ctx, db, pattern, it.obj);
                    if (v == null) {
                        out.nullBulk();
                    } else {
                        out.bulk(v);
                    }
                }
            }
            return;
        }
        ListValue stored = new ListValue();
        // Redis's createQuicklistObject without quicklistSetOptions: the stored list has the default
        // fill whatever list-max-listpack-size says (its node count is what lazy freeing counts)
        int fill = ListValue.DEFAULT_FILL;
        for (long j = start; j <= end; j++) {
            Item it = vector.get((int) j);
            if (getops == 0) {
                stored.push(false, it.obj, fill);
            }
            for (byte[] pattern : gets) {
                byte[] v = lookupByPattern(ctx, db, pattern, it.obj);
                stored.push(false, v == null ? new byte[0] : v, fill);
            }
        }
        // As Redis: setKey (a write lookup, then the value replaces any other) and "sortstore" with
        // one change per stored element; an empty result deletes the destination (dbDelete, which
        // does no lazy expiry first) with "del" and one change if it existed. Storing over the sorted
        // key itself frees nothing lazily: Redis holds the source while it stores (refcount 2).
        Object replaced = db.peek(argv, storeArg);
        Removal why = replaced != null && replaced == value ? Removal.RETAINED : Removal.SERVER;
        if (outputLen > 0) {
            ctx.lookupWrite(argv, storeArg); // counts the access; the put keeps the stamp
            db.put(argv, storeArg, stored, why);
            ctx.keyEvent(KeyEvent.LIST, "sortstore", argv, storeArg);
            ctx.dirty(outputLen);
        } else if (db.remove(argv, storeArg, why)) {
            ctx.keyEvent(KeyEvent.GENERIC, "del", argv, storeArg);
            ctx.dirty(1);
        }
        out.integer(outputLen);
    }

    /** Redis compares C strings here (strcoll / strtod stop at a NUL byte). */
    private static int nulTerminatedLength(byte[] b) {
        int n = indexOf(b, (byte) 0, 0);
        return n < 0 ? b.length : n;
    }

    private static Comparator<Item> comparator(boolean alpha, boolean byPattern, boolean desc) {
        Comparator<Item> c;
        if (!alpha) {
            c = (a, b) -> {
                int cmp = Double.compare(a.score, b.score);
                if (a.score == b.score) {
                    cmp = Arrays.compareUnsigned(a.obj, b.obj); // equal weights: by the elements' bytes
                }
                return cmp;
            };
        } else if (byPattern) {
            c = (a, b) -> {
                if (a.cmp == null || b.cmp == null) {
                    return a.cmp == b.cmp ? 0 : a.cmp == null ? -1 : 1;
                }
                return Arrays.compareUnsigned(a.cmp, 0, nulTerminatedLength(a.cmp), b.cmp, 0, nulTerminatedLength(b.cmp));
            };
        } else {
            c = (a, b) -> Arrays.compareUnsigned(a.obj, b.obj);
        }
        return desc ? c.reversed() : c;
    }

    private static void loadAll(Object value, List<Item> vector) {
        if (value instanceof ListValue list) {
            if (list.size() > 0) {
                ListValue.Cursor cur = list.cursorAtEnd(true);
                do {
                    vector.add(new Item(cur.value()));
                } while (cur.next());
            }
        } else if (value instanceof SetValue set) {
            set.forEach(m -> vector.add(new Item(m)));
        } else {
            ((SortedSetValue) value).forEach((m, s) -> vector.add(new Item(m)));
        }
    }

    /**
     * Elements start..end of a list or sorted set, positions counted from the first element, or
     * from the last one when desc (then read backwards), as Redis's "dontsort" loading.
     */
    private static void loadRange(Object value, long start, long end, boolean desc, List<Item> vector) {
        long n = end - start + 1;
        if (value instanceof ListValue list) {
            long size = list.size();
            ListValue.Cursor cur = list.cursor(desc ? size - start - 1 : start);
            for (long i = 0; i < n; i++) {
                vector.add(new Item(cur.value()));
                if (!(desc ? cur.previous() : cur.next())) {
                    break;
                }
            }
        } else {
            SortedSetValue z = (SortedSetValue) value;
            long last = z.size() - 1;
            // forEachInRanks takes ascending ranks: DESC positions start..end are ranks last-end..last-start.
            z.forEachInRanks(desc ? last - end : start, desc ? last - start : end, desc,
                    (m, s) -> vector.add(new Item(m)));
        }
    }

    /**
     * Redis's lookupKeyByPattern: "#" is the element itself; otherwise the first '*' is replaced
     * by the element, and "->field" after it reads a hash field. A missing key, a key of the wrong
     * type or a pattern without '*' gives null.
     */
    private static byte[] lookupByPattern(CommandContext ctx, Database db, byte[] pattern, byte[] subst) {
        if (pattern.length == 1 && pattern[0] == '#') {
            return subst;
        }
        int star = indexOf(pattern, (byte) '*', 0);
        if (star < 0) {
            return null;
        }
        int arrow = indexOfArrow(pattern, star + 1);
        boolean field = arrow >= 0 && arrow + 2 < pattern.length;
        int keySuffixEnd = field ? arrow : pattern.length;
        byte[] key = new byte[star + subst.length + (keySuffixEnd - star - 1)];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(subst, 0, key, star, subst.length);
        System.arraycopy(pattern, star + 1, key, star + subst.length, keySuffixEnd - star - 1);
        Object v = ctx.lookupRead(key, Lookup.READ);
        if (v == null) {
            return null;
        }
        if (field) {
            if (!(v instanceof HashValue h)) {
                return null;
            }
            return h.get(Arrays.copyOfRange(pattern, arrow + 2, pattern.length));
        }
        return StringValue.isString(v) ? StringValue.bytes(v) : null;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfArrow(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '-' && b[i + 1] == '>') {
                return i;
            }
        }
        return -1;
    }
}
