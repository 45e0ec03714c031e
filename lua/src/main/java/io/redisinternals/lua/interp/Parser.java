package io.redisinternals.lua.interp;

import static io.redisinternals.lua.interp.Lexer.*;

import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

import java.util.ArrayList;
import java.util.List;

/**
 * Lua 5.1's grammar (lparser.c's recursive descent, same error texts) compiled in one pass to
 * {@link Stat}/{@link Expr} nodes: names resolve to local slots, upvalue indexes or globals while
 * parsing, so nothing is looked up by name at run time but globals.
 */
public final class Parser {
    private static final int MAX_LEVELS = 200; // LUAI_MAXCCALLS: "chunk has too many syntax levels"
    private static final int ID_SIZE = 60; // LUA_IDSIZE as Redis's Lua is built
    /** The lexer's own buffer for a chunk name in syntax errors (llex.c's MAXSRC): longer names show. */
    private static final int MAX_SRC = 80;

    private final Lexer lx;
    /** The chunk's name in runtime messages and debug info (LUA_IDSIZE); syntax errors use MAX_SRC. */
    private final String runtimeId;
    private final String source;
    private FuncState fs;
    private int levels;

    private Parser(byte[] src, String chunkName, int callDepth) {
        this.source = chunkName;
        this.lx = new Lexer(src, chunkId(chunkName, MAX_SRC));
        this.runtimeId = chunkId(chunkName);
        this.levels = callDepth; // Lua's nCcalls counts the calls the parser runs in as levels too
    }

    /** Compiles a chunk to a function of no parameters taking varargs; errors are LuaErrors. */
    public static LuaClosure compile(byte[] src, String chunkName, LuaTable env) {
        return compile(src, chunkName, env, 0);
    }

    /**
     * {@link #compile(byte[], String, LuaTable)} from inside {@code callDepth} calls (Lua's nCcalls
     * when lua_load runs: 0 from the host, 1 for loadstring called by a running chunk), which
     * count against the syntax levels and the variables in an assignment as in Lua.
     */
    public static LuaClosure compile(byte[] src, String chunkName, LuaTable env, int callDepth) {
        Parser p = new Parser(src, chunkName, callDepth);
        Proto main = p.mainFunction();
        return new LuaClosure(main, new Cell[0], env);
    }

    /** luaO_chunkid: "=name" is name, "@file" is file, else [string "first line..."]. */
    public static String chunkId(String name) {
        return chunkId(name, ID_SIZE);
    }

    /** Lua's luaO_chunkid into a buffer of {@code size} bytes. */
    static String chunkId(String name, int size) {
        if (name.startsWith("=")) {
            return name.substring(1, Math.min(name.length(), size));
        }
        if (name.startsWith("@")) {
            String file = name.substring(1);
            int room = size - 8; // the room left by " '...' " and the terminating NUL
            return file.length() <= room ? file : "..." + file.substring(file.length() - room);
        }
        int len = 0;
        while (len < name.length() && name.charAt(len) != '\n' && name.charAt(len) != '\r') {
            len++;
        }
        int room = size - 17;
        if (len > room) {
            len = room;
        }
        return len < name.length() ? "[string \"" + name.substring(0, len) + "...\"]" : "[string \"" + name + "\"]";
    }

    LuaError limitError(FuncState f, int limit, String what) {
        String msg = f.proto.lineDefined == 0 ? "main function has more than " + limit + " " + what
                : "function at line " + f.proto.lineDefined + " has more than " + limit + " " + what;
        return lx.errorNoToken(msg);
    }

    private Proto mainFunction() {
        Proto proto = new Proto(runtimeId, source, 0);
        proto.vararg = true;
        fs = new FuncState(null, proto);
        lx.next();
        proto.body = block();
        check(EOS);
        proto.lastLineDefined = lx.line;
        return fs.finish();
    }

    // ---- token helpers

    private boolean testNext(int t) {
        if (lx.token == t) {
            lx.next();
            return true;
        }
        return false;
    }

    private void check(int t) {
        if (lx.token != t) {
            throw lx.syntaxError("'" + Lexer.tokenName(t) + "' expected");
        }
    }

    private void checkNext(int t) {
        check(t);
        lx.next();
    }

    private void checkMatch(int what, int who, int line) {
        if (!testNext(what)) {
            if (line == lx.line) {
                check(what);
            }
            throw lx.syntaxError("'" + Lexer.tokenName(what) + "' expected (to close '" + Lexer.tokenName(who)
                    + "' at line " + line + ")");
        }
    }

    private String checkName() {
        check(NAME);
        String s = lx.tokenValue.toString();
        lx.next();
        return s;
    }

    private static boolean blockFollow(int t) {
        return t == ELSE || t == ELSEIF || t == END || t == UNTIL || t == EOS;
    }

    private void enterLevel() {
        if (++levels > MAX_LEVELS) {
            throw lx.errorNoToken("chunk has too many syntax levels");
        }
    }

    // ---- blocks and statements

    /** A block in its own scope. */
    private Stat block() {
        int saved = fs.active.size();
        Stat b = statements();
        fs.closeScope(saved);
        return b;
    }

    private Stat statements() {
        enterLevel();
        int line = lx.line;
        List<Stat> list = new ArrayList<>();
        boolean last = false;
        while (!last && !blockFollow(lx.token)) {
            if (lx.token == RETURN || lx.token == BREAK) {
                last = true;
            }
            list.add(statement());
            testNext(';');
        }
        levels--;
        return list.size() == 1 ? list.get(0) : new Stats.Block(line, list.toArray(new Stat[0]));
    }

    private Stat statement() {
        int line = lx.line;
        switch (lx.token) {
            case IF:
                return ifStat(line);
            case WHILE: {
                lx.next();
                Expr cond = expr();
                checkNext(DO);
                fs.loops++;
                Stat body = block();
                fs.loops--;
                checkMatch(END, WHILE, line);
                return new Stats.While(line, cond, body);
            }
            case DO: {
                lx.next();
                Stat body = block();
                checkMatch(END, DO, line);
                return new Stats.Do(line, body);
            }
            case FOR:
                return forStat(line);
            case REPEAT: {
                lx.next();
                fs.loops++;
                int saved = fs.active.size();
                Stat body = statements();
                checkMatch(UNTIL, REPEAT, line);
                Expr cond = expr(); // the body's locals are visible here
                fs.closeScope(saved);
                fs.loops--;
                return new Stats.Repeat(line, body, cond);
            }
            case FUNCTION:
                return funcStat(line);
            case LOCAL:
                lx.next();
                if (testNext(FUNCTION)) {
                    String name = checkName();
                    LocalVar v = fs.newLocal(name, 0, this);
                    fs.activate(v);
                    Exprs.Function fn = body(false, line);
                    return new Stats.LocalFunction(line, v, fn);
                }
                return localStat(line);
            case RETURN:
                return returnStat(line);
            case BREAK:
                lx.next();
                if (fs.loops == 0) {
                    throw lx.syntaxError("no loop to break");
                }
                return new Stats.Break(line);
            default:
                return exprStat(line);
        }
    }

    private Stat ifStat(int line) {
        List<Expr> conds = new ArrayList<>();
        List<Stat> blocks = new ArrayList<>();
        do {
            lx.next(); // IF or ELSEIF
            conds.add(expr());
            checkNext(THEN);
            blocks.add(block());
        } while (lx.token == ELSEIF);
        Stat otherwise = null;
        if (testNext(ELSE)) {
            otherwise = block();
        }
        checkMatch(END, IF, line);
        return new Stats.If(line, conds.toArray(new Expr[0]), blocks.toArray(new Stat[0]), otherwise);
    }

    private Stat forStat(int line) {
        lx.next();
        String name = checkName();
        Stat result;
        if (lx.token == '=') {
            lx.next();
            Expr start = expr();
            checkNext(',');
            Expr limit = expr();
            Expr step = testNext(',') ? expr() : null;
            checkNext(DO);
            int saved = fs.active.size();
            // three hidden control locals, as Lua counts them against the limit
            LocalVar v = fs.newLocal(name, 0, 3, this);
            fs.loops++;
            fs.activate(v);
            Stat body = block();
            fs.loops--;
            fs.closeScope(saved);
            result = new Stats.NumericFor(line, v, start, limit, step, body);
        } else if (lx.token == ',' || lx.token == IN) {
            List<String> names = new ArrayList<>();
            names.add(name);
            while (testNext(',')) {
                names.add(checkName());
            }
            checkNext(IN);
            Expr[] exprs = exprList();
            checkNext(DO);
            int saved = fs.active.size();
            LocalVar[] vars = new LocalVar[names.size()];
            for (int i = 0; i < vars.length; i++) {
                vars[i] = fs.newLocal(names.get(i), i, 3, this);
            }
            fs.loops++;
            for (LocalVar v : vars) {
                fs.activate(v);
            }
            Stat body = block();
            fs.loops--;
            fs.closeScope(saved);
            result = new Stats.GenericFor(line, vars, exprs, body);
        } else {
            throw lx.syntaxError("'=' or 'in' expected");
        }
        checkMatch(END, FOR, line);
        return result;
    }

    private Stat funcStat(int line) {
        lx.next();
        String name = checkName();
        Expr target = singleVar(name, lx.lastLine);
        boolean method = false;
        while (lx.token == '.') {
            lx.next();
            String key = checkName();
            target = new Exprs.Index(lx.lastLine, target, new Exprs.Const(lx.lastLine, LuaString.of(key)));
        }
        if (lx.token == ':') {
            lx.next();
            String key = checkName();
            target = new Exprs.Index(lx.lastLine, target, new Exprs.Const(lx.lastLine, LuaString.of(key)));
            method = true;
        }
        Exprs.Function fn = body(method, line);
        return new Stats.Assign(line, new Stats.Target[] {toTarget(target)}, new Expr[] {fn});
    }

    private Stat localStat(int line) {
        List<String> names = new ArrayList<>();
        do {
            names.add(checkName());
        } while (testNext(','));
        Expr[] exprs = testNext('=') ? exprList() : new Expr[0];
        LocalVar[] vars = new LocalVar[names.size()];
        for (int i = 0; i < vars.length; i++) {
            vars[i] = fs.newLocal(names.get(i), i, this);
        }
        for (LocalVar v : vars) {
            fs.activate(v);
        }
        return new Stats.Local(line, vars, exprs);
    }

    private Stat returnStat(int line) {
        lx.next();
        Expr[] exprs = blockFollow(lx.token) || lx.token == ';' ? new Expr[0] : exprList();
        if (exprs.length == 1 && exprs[0] instanceof Exprs.Call c) {
            return new Stats.TailCall(line, c);
        }
        return new Stats.Return(line, exprs);
    }

    private Stat exprStat(int line) {
        Expr e = suffixedExpr();
        if (e instanceof Exprs.Call || e instanceof Exprs.MethodCall) {
            return new Stats.CallStat(line, e);
        }
        List<Stats.Target> targets = new ArrayList<>();
        targets.add(toTarget(e));
        while (testNext(',')) {
            targets.add(toTarget(suffixedExpr()));
            // Lua parses each further target one C level deeper, so their number is bounded by the
            // levels left: "main function has more than 199 variables in assignment" at top level
            int limit = MAX_LEVELS - levels;
            if (targets.size() - 1 > limit) {
                throw limitError(fs, limit, "variables in assignment");
            }
        }
        checkNext('=');
        Expr[] exprs = exprList();
        if (targets.size() == 1 && exprs.length == 1 && targets.get(0) instanceof Stats.LocalTarget lt) {
            return new Stats.LocalSet(line, lt.var, exprs[0]);
        }
        return new Stats.Assign(line, targets.toArray(new Stats.Target[0]), exprs);
    }

    private Stats.Target toTarget(Expr e) {
        if (e instanceof Exprs.LocalGet l) {
            return new Stats.LocalTarget(l.var);
        }
        if (e instanceof Exprs.UpvalGet u) {
            return new Stats.UpvalTarget(u.index);
        }
        if (e instanceof Exprs.GlobalGet g) {
            return new Stats.GlobalTarget(g.name, g.line);
        }
        if (e instanceof Exprs.Index i) {
            return new Stats.IndexTarget(i.obj, i.key, lx.line);
        }
        throw lx.syntaxError("syntax error");
    }

    // ---- functions

    private Exprs.Function body(boolean method, int line) {
        Proto proto = new Proto(runtimeId, source, line);
        FuncState parentFs = fs;
        fs = new FuncState(parentFs, proto);
        try {
            if (method) {
                addParam("self");
            }
            checkNext('(');
            if (lx.token != ')') {
                do {
                    if (lx.token == NAME) {
                        addParam(checkName());
                    } else if (lx.token == DOTS) {
                        lx.next();
                        proto.vararg = true;
                        LocalVar arg = fs.newLocal("arg", 0, this);
                        fs.activate(arg);
                        proto.compatArg = arg;
                    } else {
                        throw lx.syntaxError("<name> or '...' expected");
                    }
                } while (!proto.vararg && testNext(','));
            }
            checkNext(')');
            proto.body = statements();
            proto.lastLineDefined = lx.line;
            checkMatch(END, FUNCTION, line);
            fs.finish();
        } finally {
            fs = parentFs;
        }
        return new Exprs.Function(line, proto);
    }

    private void addParam(String name) {
        LocalVar v = fs.newLocal(name, 0, this);
        fs.activate(v);
        fs.params.add(v);
    }

    // ---- expressions

    private Expr[] exprList() {
        List<Expr> list = new ArrayList<>();
        list.add(expr());
        while (testNext(',')) {
            list.add(expr());
        }
        return list.toArray(new Expr[0]);
    }

    private Expr expr() {
        return subExpr(0);
    }

    // left and right priorities of binary operators, lparser.c's table
    private static int leftPriority(int t) {
        return switch (t) {
            case '+', '-' -> 6;
            case '*', '/', '%' -> 7;
            case '^' -> 10;
            case CONCAT -> 5;
            case EQ, NE, '<', LE, '>', GE -> 3;
            case AND -> 2;
            case OR -> 1;
            default -> -1;
        };
    }

    private static int rightPriority(int t) {
        return switch (t) {
            case '^' -> 9;
            case CONCAT -> 4;
            default -> leftPriority(t);
        };
    }

    private static final int UNARY_PRIORITY = 8;

    private Expr subExpr(int limit) {
        enterLevel();
        Expr e;
        int t = lx.token;
        if (t == NOT || t == '-' || t == '#') {
            lx.next();
            Expr operand = subExpr(UNARY_PRIORITY);
            int line = lx.lastLine;
            if (t == NOT) {
                e = new Exprs.Not(line, operand);
            } else if (t == '-') {
                if (operand instanceof Exprs.Const c && c.value instanceof Double d) {
                    fs.zeros.remove(c);
                    e = numberConstant(line, -d);
                } else {
                    e = new Exprs.Neg(line, operand);
                }
            } else {
                e = new Exprs.Len(line, operand);
            }
        } else {
            e = simpleExpr();
        }
        int op = lx.token;
        while (leftPriority(op) > limit) {
            lx.next();
            Expr right = subExpr(rightPriority(op));
            e = binary(op, e, right, lx.lastLine);
            op = lx.token;
        }
        levels--;
        return e;
    }

    private static Expr binary(int op, Expr a, Expr b, int line) {
        return switch (op) {
            case '+' -> new Exprs.Arith(line, Interp.ADD, a, b);
            case '-' -> new Exprs.Arith(line, Interp.SUB, a, b);
            case '*' -> new Exprs.Arith(line, Interp.MUL, a, b);
            case '/' -> new Exprs.Arith(line, Interp.DIV, a, b);
            case '%' -> new Exprs.Arith(line, Interp.MOD, a, b);
            case '^' -> new Exprs.Arith(line, Interp.POW, a, b);
            case CONCAT -> {
                if (b instanceof Exprs.Concat c) {
                    Expr[] parts = new Expr[c.parts.length + 1];
                    parts[0] = a;
                    System.arraycopy(c.parts, 0, parts, 1, c.parts.length);
                    yield new Exprs.Concat(line, parts);
                }
                yield new Exprs.Concat(line, new Expr[] {a, b});
            }
            case EQ -> new Exprs.Compare(line, Exprs.Compare.EQ, a, b);
            case NE -> new Exprs.Compare(line, Exprs.Compare.NE, a, b);
            case '<' -> new Exprs.Compare(line, Exprs.Compare.LT, a, b);
            case LE -> new Exprs.Compare(line, Exprs.Compare.LE, a, b);
            case '>' -> new Exprs.Compare(line, Exprs.Compare.GT, a, b);
            case GE -> new Exprs.Compare(line, Exprs.Compare.GE, a, b);
            case AND -> new Exprs.And(line, a, b);
            default -> new Exprs.Or(line, a, b);
        };
    }

    private Expr simpleExpr() {
        int line = lx.line;
        Expr e;
        switch (lx.token) {
            case NUMBER -> e = numberConstant(line, (Double) lx.tokenValue);
            case STRING -> e = new Exprs.Const(line, lx.tokenValue);
            case NIL -> e = new Exprs.Const(line, null);
            case TRUE -> e = new Exprs.Const(line, Boolean.TRUE);
            case FALSE -> e = new Exprs.Const(line, Boolean.FALSE);
            case DOTS -> {
                if (!fs.proto.vararg) {
                    throw lx.syntaxError("cannot use '...' outside a vararg function");
                }
                fs.proto.usesVarargs = true;
                e = new Exprs.Vararg(line);
            }
            case '{' -> {
                return constructor();
            }
            case FUNCTION -> {
                lx.next();
                return body(false, line);
            }
            default -> {
                return suffixedExpr();
            }
        }
        lx.next();
        return e;
    }

    /**
     * A number literal (or a folded negation). Lua 5.1 keeps one constant per value in a function
     * and 0 == -0 there: whichever zero reaches the constant table first is the one every zero of
     * the function reads. Zeros are collected here and settled when the function ends
     * ({@link FuncState#settleZeros}); a literal consumed by folding is withdrawn.
     */
    private Exprs.Const numberConstant(int line, double v) {
        Exprs.Const c = new Exprs.Const(line, v);
        if (v == 0) {
            fs.zeros.add(c);
        }
        return c;
    }

    private Expr primaryExpr() {
        int line = lx.line;
        if (lx.token == NAME) {
            String name = lx.tokenValue.toString();
            lx.next();
            return singleVar(name, line);
        }
        if (lx.token == '(') {
            lx.next();
            Expr e = expr();
            checkMatch(')', '(', line);
            return new Exprs.Paren(e);
        }
        throw lx.syntaxError("unexpected symbol");
    }

    private Expr singleVar(String name, int line) {
        LocalVar v = fs.findLocal(name);
        if (v != null) {
            return new Exprs.LocalGet(line, v);
        }
        int up = fs.resolveUpvalue(name, this);
        if (up >= 0) {
            return new Exprs.UpvalGet(line, up, name);
        }
        return new Exprs.GlobalGet(line, LuaString.of(name));
    }

    private Expr suffixedExpr() {
        Expr e = primaryExpr();
        while (true) {
            switch (lx.token) {
                case '.' -> {
                    lx.next();
                    String key = checkName();
                    e = new Exprs.Index(lx.lastLine, e, new Exprs.Const(lx.lastLine, LuaString.of(key)));
                }
                case '[' -> {
                    lx.next();
                    Expr key = expr();
                    checkNext(']');
                    e = new Exprs.Index(lx.lastLine, e, key);
                }
                case ':' -> {
                    lx.next();
                    String name = checkName();
                    int line = lx.line;
                    Expr[] args = callArgs();
                    e = new Exprs.MethodCall(line, e, LuaString.of(name), args);
                }
                case '(', STRING, '{' -> {
                    int line = lx.line;
                    Expr[] args = callArgs();
                    e = new Exprs.Call(line, e, args);
                }
                default -> {
                    return e;
                }
            }
        }
    }

    private Expr[] callArgs() {
        int line = lx.line;
        switch (lx.token) {
            case '(' -> {
                if (line != lx.lastLine) {
                    throw lx.syntaxError("ambiguous syntax (function call x new statement)");
                }
                lx.next();
                Expr[] args = lx.token == ')' ? new Expr[0] : exprList();
                checkMatch(')', '(', line);
                return args;
            }
            case '{' -> {
                return new Expr[] {constructor()};
            }
            case STRING -> {
                Expr s = new Exprs.Const(line, lx.tokenValue);
                lx.next();
                return new Expr[] {s};
            }
            default -> throw lx.syntaxError("function arguments expected");
        }
    }

    private Expr constructor() {
        int line = lx.line;
        checkNext('{');
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        int positional = 0;
        while (lx.token != '}') {
            if (lx.token == NAME && lx.lookahead() == '=') {
                keys.add(new Exprs.Const(lx.line, lx.tokenValue));
                lx.next();
                lx.next();
                values.add(expr());
            } else if (lx.token == '[') {
                lx.next();
                keys.add(expr());
                checkNext(']');
                checkNext('=');
                values.add(expr());
            } else {
                keys.add(null);
                values.add(expr());
                positional++;
            }
            if (!testNext(',') && !testNext(';')) {
                break;
            }
        }
        checkMatch('}', '{', line);
        return new Exprs.Table(line, keys.toArray(new Expr[0]), values.toArray(new Expr[0]), positional);
    }
}
