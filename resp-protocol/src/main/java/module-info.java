/**
 * RESP2/RESP3 codec: an incremental, bounded request parser whose arguments are slices of the
 * read buffer, and a reply writer for every RESP type. Depends on nothing.
 */
module io.redisinternals.resp {
    exports io.redisinternals.resp;
}
