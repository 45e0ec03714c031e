package io.redisinternals.scripting;

import io.redisinternals.lua.LuaFunction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The function libraries FUNCTION LOAD created (Redis 7.0's functionsLibCtx): libraries by name and,
 * across them, functions by name (a function name is unique among all libraries). A library is
 * replaced or added whole: {@link #add} checks every collision before changing anything.
 *
 * <p>Threading: under the engine's execution lock, like every command.
 */
final class FunctionLibraries {

    /** A registered function: its flags are {@link Shebang}'s bits, never EVAL_COMPAT_MODE. */
    record Function(String name, String library, LuaFunction callback, int flags, String description) {
    }

    /**
     * A library: its name, its code as given to FUNCTION LOAD, its functions in registration order
     * by their exact names (a library's own dictionary compares with case, as Redis's).
     */
    record Library(String name, byte[] code, Map<String, Function> functions) {
    }

    private final Map<String, Library> libraries = new LinkedHashMap<>();
    private final Map<String, Function> functions = new LinkedHashMap<>();

    Library library(String name) {
        return libraries.get(name);
    }

    Function function(String name) {
        return functions.get(key(name));
    }

    /**
     * Function names are compared without ASCII case, as Redis's function dictionaries
     * (library names are not): the maps are keyed by this.
     */
    static String key(String functionName) {
        StringBuilder b = new StringBuilder(functionName.length());
        for (int i = 0; i < functionName.length(); i++) {
            char c = functionName.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    Iterable<Library> libraries() {
        return libraries.values();
    }

    int libraryCount() {
        return libraries.size();
    }

    int functionCount() {
        return functions.size();
    }

    /**
     * The bytes held for the libraries: names, code, function names and descriptions (INFO's
     * used_memory_functions, approximate: Redis counts its own structures' sizes too).
     */
    long memory() {
        long sum = 0;
        for (Library lib : libraries.values()) {
            sum += lib.name().length() + lib.code().length;
            for (Function f : lib.functions().values()) {
                sum += f.name().length() + (f.description() == null ? 0 : f.description().length());
            }
        }
        return sum;
    }

    /**
     * Adds {@code lib}; with {@code replace} a library of the same name is dropped first.
     *
     * @throws ScriptException "ERR Library 'x' already exists" or "ERR Function x already exists"
     */
    void add(Library lib, boolean replace) {
        Library old = libraries.get(lib.name());
        if (old != null && !replace) {
            throw new ScriptException("ERR Library '" + lib.name() + "' already exists");
        }
        for (Function f : lib.functions().values()) {
            Function existing = functions.get(key(f.name()));
            if (existing != null && !existing.library().equals(lib.name())) {
                throw new ScriptException("ERR Function " + f.name() + " already exists");
            }
        }
        if (old != null) {
            remove(old.name());
        }
        libraries.put(lib.name(), lib);
        lib.functions().values().forEach(f -> functions.put(key(f.name()), f));
    }

    /** Drops the library {@code name}; false when there is none. */
    boolean remove(String name) {
        Library lib = libraries.remove(name);
        if (lib == null) {
            return false;
        }
        lib.functions().keySet().forEach(f -> functions.remove(key(f)));
        return true;
    }

    /**
     * FUNCTION RESTORE's join (Redis's libraryJoin): every library of {@code restored} added, or
     * none. A library of the same name is an error ("ERR Library x already exists") unless
     * {@code replace}; a function name another library holds is always one.
     */
    void join(FunctionLibraries restored, boolean replace) {
        for (Library lib : restored.libraries.values()) {
            if (!replace && libraries.containsKey(lib.name())) {
                throw new ScriptException("ERR Library " + lib.name() + " already exists");
            }
        }
        for (Function f : restored.functions.values()) {
            Function existing = functions.get(key(f.name()));
            if (existing != null && !(replace && restored.libraries.containsKey(existing.library()))) {
                throw new ScriptException("ERR Function " + f.name() + " already exists");
            }
        }
        for (Library lib : restored.libraries.values()) {
            remove(lib.name());
            libraries.put(lib.name(), lib);
            lib.functions().values().forEach(f -> functions.put(key(f.name()), f));
        }
    }

    void clear() {
        libraries.clear();
        functions.clear();
    }
}
