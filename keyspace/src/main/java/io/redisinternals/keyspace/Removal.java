package io.redisinternals.keyspace;

/**
 * Why a value leaves its key. Redis frees a removed value on its main thread or hands it to its
 * lazy-free thread depending on who removed it (its call sites of dbSyncDelete, dbAsyncDelete and
 * dbDelete/dbOverwrite), each governed by one {@code lazyfree-lazy-*} setting; the
 * {@link Reclaimer} is told the reason with the value and decides as Redis would.
 */
public enum Removal {

    /**
     * A command's own delete or replacement of a value (Redis's dbDelete and dbOverwrite: SET over
     * a key, a STORE command's destination, RENAME's and COPY's old destination, a collection
     * emptied by a pop): {@code lazyfree-lazy-server-del}.
     */
    SERVER,

    /** DEL and GETDEL (a user's delete): {@code lazyfree-lazy-user-del}. */
    USER_DEL,

    /** UNLINK: always lazily. */
    UNLINK,

    /**
     * Expiry: lazily on access, by the active cycle, or by a command given a time already past
     * (EXPIRE, GETEX EXAT/PXAT): {@code lazyfree-lazy-expire}.
     */
    EXPIRE,

    /** Eviction under {@code maxmemory}: {@code lazyfree-lazy-eviction}. */
    EVICTION,

    /**
     * Not freed: the value is still in use (RENAME's and MOVE's source lives on under the new key;
     * SORT stores over the very list it sorted, which it still holds), as Redis's freeObjAsync
     * frees nothing whose reference count is above one.
     */
    RETAINED
}
