package io.redisinternals.scripting;

import io.redisinternals.command.codec.Crc64;
import io.redisinternals.command.codec.Lzf;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandReplies;
import io.redisinternals.resp.Argv;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * FUNCTION DUMP and FUNCTION RESTORE, with payloads interchangeable with redis-server 7.0's: each
 * library as the RDB opcode FUNCTION2 (245) followed by its code as an RDB string, then the RDB
 * version (10, two bytes little-endian) and the CRC-64 of all before it (eight bytes
 * little-endian), as Redis's DUMP payloads. Strings are written plain (Redis compresses code
 * longer than 20 bytes with LZF when that saves space; either form reads back anywhere) and read
 * in every RDB string form: plain, integer-encoded and LZF-compressed. The pre-release opcode
 * FUNCTION (246: name, engine, optional description, code) is read too, as Redis does.
 */
final class FunctionDump {

    static final int RDB_VERSION = 10;
    static final int OPCODE_FUNCTION2 = 245;
    static final int OPCODE_FUNCTION_OLD = 246;
    static final String BAD_PAYLOAD = "ERR DUMP payload version or checksum are wrong";

    private final FunctionEngine engine;

    FunctionDump(FunctionEngine engine) {
        this.engine = engine;
    }

    void dump(CommandContext ctx, Argv argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FunctionLibraries.Library lib : engine.libraries().libraries()) {
            out.write(OPCODE_FUNCTION2);
            RdbStrings.write(out, lib.code());
        }
        out.write(RDB_VERSION & 0xff);
        out.write((RDB_VERSION >> 8) & 0xff);
        byte[] body = out.toByteArray();
        long crc = Crc64.of(body, 0, body.length);
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)) & 0xff);
        }
        ctx.reply().bulk(out.toByteArray());
    }

    void restore(CommandContext ctx, Argv argv) {
        if (argv.count() > 4) {
            CommandReplies.subcommandSyntaxError(ctx.reply(), argv);
            return;
        }
        String policy = "append";
        if (argv.count() == 4) {
            policy = argv.string(3).toLowerCase(java.util.Locale.ROOT);
            if (!policy.equals("append") && !policy.equals("replace") && !policy.equals("flush")) {
                ctx.reply().error("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
                return;
            }
        }
        byte[] data = argv.bytes(2);
        if (!verify(data)) {
            ctx.reply().error(BAD_PAYLOAD);
            return;
        }
        try {
            FunctionLibraries restored = new FunctionLibraries();
            for (byte[] code : libraries(data)) {
                engine.create(code, restored, false, 0);
            }
            if (policy.equals("flush")) {
                engine.libraries().clear();
            }
            engine.libraries().join(restored, policy.equals("replace"));
            ctx.dirty(1); // propagated as it came, as Redis: replicas and the AOF get the libraries
            ctx.reply().simpleString("OK");
        } catch (ScriptException e) {
            e.reply(ctx.reply());
        }
    }

    /** Redis's verifyDumpPayload: at least the 10-byte footer, a known RDB version, the CRC. */
    static boolean verify(byte[] p) {
        if (p.length < 10) {
            return false;
        }
        int version = (p[p.length - 10] & 0xff) | (p[p.length - 9] & 0xff) << 8;
        if (version > RDB_VERSION) {
            return false;
        }
        long crc = 0;
        for (int i = 0; i < 8; i++) {
            crc |= (p[p.length - 8 + i] & 0xffL) << (8 * i);
        }
        return crc == Crc64.of(p, 0, p.length - 8);
    }

    /** The library codes of a verified payload, in order, with Redis's errors for a bad one. */
    static List<byte[]> libraries(byte[] p) {
        List<byte[]> codes = new ArrayList<>();
        RdbStrings.Reader in = new RdbStrings.Reader(p, p.length - 10);
        while (in.remaining() > 0) {
            int type = in.readByte();
            if (type != OPCODE_FUNCTION2 && type != OPCODE_FUNCTION_OLD) {
                throw new ScriptException("ERR given type is not a function");
            }
            if (type == OPCODE_FUNCTION2) {
                codes.add(in.string("ERR Failed loading library payload"));
                continue;
            }
            byte[] name = in.string("ERR Failed loading library name");
            byte[] engineName = in.string("ERR Failed loading engine name");
            long hasDesc = in.length("ERR Failed loading library description indicator");
            if (hasDesc != 0) {
                in.string("ERR Failed loading library description");
            }
            byte[] blob = in.string("ERR Failed loading library blob");
            ByteArrayOutputStream code = new ByteArrayOutputStream();
            code.writeBytes("#!".getBytes());
            code.writeBytes(engineName);
            code.writeBytes(" name=".getBytes());
            code.writeBytes(name);
            code.write('\n');
            code.writeBytes(blob);
            codes.add(code.toByteArray());
        }
        return codes;
    }
}
