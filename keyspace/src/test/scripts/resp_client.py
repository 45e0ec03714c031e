import socket, sys, json
class C:
    def __init__(s, port=7103):
        s.s = socket.create_connection(("127.0.0.1", port)); s.f = s.s.makefile('rb')
    def send(s, *args):
        b = b'*%d\r\n' % len(args)
        for a in args:
            if isinstance(a, str): a = a.encode()
            b += b'$%d\r\n%s\r\n' % (len(a), a)
        s.s.sendall(b)
    def raw(s, *args):
        s.send(*args); return s.readraw()
    def readraw(s):
        line = s.f.readline(); t = line[:1]; out = line
        if t in b'$=!':
            n = int(line[1:-2])
            if n >= 0: out += s.f.read(n + 2)
        elif t in b'*~>':
            n = int(line[1:-2])
            for _ in range(max(n,0)): out += s.readraw()
        elif t in b'%|':
            n = int(line[1:-2])
            for _ in range(2*n): out += s.readraw()
        return out
    def parse(s):
        line = s.f.readline(); t = chr(line[0]); body = line[1:-2].decode()
        if t in '+': return body
        if t == '-': return ('ERR', body)
        if t == ':': return int(body)
        if t in '$=':
            n = int(body)
            if n < 0: return None
            d = s.f.read(n+2)[:-2].decode()
            return d
        if t == '_': return None
        if t == '#': return body == 't'
        if t == ',': return float(body)
        if t in '*~>':
            n = int(body); return None if n < 0 else [s.parse() for _ in range(n)]
        if t in '%':
            n = int(body); d = {}
            for _ in range(n):
                k = s.parse(); d[k if not isinstance(k, list) else str(k)] = s.parse()
            return d
    def cmd(s, *args):
        s.send(*args); return s.parse()
