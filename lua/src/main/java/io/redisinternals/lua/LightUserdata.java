package io.redisinternals.lua;

/**
 * A light userdata: an opaque value compared by identity (Redis's cjson.null is one, the NULL
 * pointer). {@code name} is only for tostring ("userdata: 0x...").
 */
public final class LightUserdata {

    private final String name;

    public LightUserdata(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }
}
