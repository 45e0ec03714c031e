package io.redisinternals.command.spi;

import java.util.List;

/**
 * Function libraries a command set keeps outside the keyspace, which snapshots carry as Redis's
 * RDB files do (one {@code RDB_OPCODE_FUNCTION2} entry with each library's code). Persistence
 * reads them when it saves and loads them back when it loads, through this alone.
 *
 * <p>Threading: called with the execution lock held.
 */
public interface FunctionStore {

    /** Each library's code (with its {@code #!lua name=...} line), in creation order. */
    List<byte[]> codes();

    /**
     * Loads one library as FUNCTION LOAD [REPLACE] would, without its time limit (as Redis's
     * rdbFunctionLoad).
     *
     * @return null when loaded, else Redis's error text ("ERR Library 'x' already exists", a
     *         compile error...)
     */
    String load(byte[] code, boolean replace);

    /** Drops every library (FUNCTION FLUSH, or a load that replaces the dataset). */
    void flush();
}
