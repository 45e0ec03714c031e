# Usage: python3 capture_replies.py OUT (needs redis-server 7.0.15 on port 7103)
# Captures replies of redis-server 7.0.15 (port 7103) for deterministic requests, one fresh
# connection per case, so tests can compare our bytes with the real server's.
from resp_client import C
import sys
def esc(b, spaces=False):
    out=[]
    for x in b:
        ch=chr(x)
        if ch=='\\': out.append('\\\\')
        elif ch=='\r': out.append('\\r')
        elif ch=='\n': out.append('\\n')
        elif ch=='\t': out.append('\\t')
        elif 32<x<127 or (spaces and x==32): out.append(ch)
        else: out.append('\\x%02x'%x)
    return ''.join(out)
cases=[]
def case(resp,*args): cases.append((resp,args))
for resp in (2,3):
    case(resp,'PING'); case(resp,'ping','hello'); case(resp,'ping','a','b'); case(resp,'echo','x y'); case(resp,'ECHO')
    case(resp,'foob','bar','a\r\nb','x'*130); case(resp,'foob'); case(resp,'x'*140+'\r\nz','a'); case(resp,'foo','a'*100,'b'*100,'c')
    case(resp,'foo','a'*124,'b'); case(resp,'foo','a'*126,'b')
    case(resp,'client','foo'); case(resp,'Client','foo','bar'); case(resp,'client'); case(resp,'client','setname'); case(resp,'client','SETNAME','a b')
    case(resp,'client','setname','ok'); case(resp,'client','getname'); case(resp,'client','id','x'); case(resp,'client','help')
    case(resp,'client','list','type','foo'); case(resp,'client','list','id','1','x'); case(resp,'client','list','id','999'); case(resp,'client','list','foo')
    case(resp,'client','kill','1.2.3.4:5'); case(resp,'client','kill','id','999'); case(resp,'client','kill','id','x'); case(resp,'client','kill','foo','bar')
    case(resp,'client','kill','addr','1.2.3.4:5'); case(resp,'client','kill','skipme','maybe'); case(resp,'client','kill','id'); case(resp,'client','kill','user','nobody')
    case(resp,'client','kill','type','pubsub'); case(resp,'client','kill','type','bad')
    case(resp,'config'); case(resp,'config','foo'); case(resp,'config','GET'); case(resp,'config','help'); case(resp,'config','resetstat'); case(resp,'config','resetstat','x')
    case(resp,'config','get','maxclients'); case(resp,'config','get','TIMEOUT'); case(resp,'config','get','nosuch'); case(resp,'config','get','*max-*-len*')
    case(resp,'config','get','proto-max-bulk-len','proto*')
    case(resp,'config','set','foo','bar'); case(resp,'config','set','databases','3'); case(resp,'config','set','maxclients','abc'); case(resp,'config','set','maxclients','-1')
    case(resp,'config','set','proto-max-bulk-len','1kb'); case(resp,'config','set','proto-max-bulk-len','abc'); case(resp,'config','set','proto-max-bulk-len','1.5mb')
    case(resp,'config','set','timeout','-1'); case(resp,'config','set','protected-mode','maybe'); case(resp,'config','set','client-query-buffer-limit','10')
    case(resp,'config','set','maxclients','10','maxclients','20'); case(resp,'config','set','maxclients','10','timeout'); case(resp,'config','set','maxclients')
    case(resp,'config','set','maxclients','x','foo','bar'); case(resp,'config','set','timeout','5','maxclients','x'); case(resp,'config','set','maxclients','+5'); case(resp,'config','set','maxclients','05')
    case(resp,'config','set','timeout','0'); case(resp,'config','set','protected-mode','YES')
    case(resp,'select','16'); case(resp,'select','x'); case(resp,'select','-1'); case(resp,'select','99999999999999'); case(resp,'select','3'); case(resp,'select')
    case(resp,'hello','4'); case(resp,'hello','x'); case(resp,'hello','0'); case(resp,'hello','3','foo'); case(resp,'hello','3','auth','a'); case(resp,'hello','2','setname','a b')
    case(resp,'auth','x'); case(resp,'auth','a','b'); case(resp,'auth','default','b'); case(resp,'auth','a','b','c'); case(resp,'auth')
    case(resp,'quit'); case(resp,'reset'); case(resp,'time','x')
    case(resp,'dbsize'); case(resp,'flushdb'); case(resp,'flushdb','foo'); case(resp,'flushdb','async','sync'); case(resp,'flushall','SYNC'); case(resp,'flushall','async')
    case(resp,'shutdown','abort'); case(resp,'shutdown','foo'); case(resp,'shutdown','abort','now'); case(resp,'shutdown','nosave','save')
    case(resp,'info','nosuch'); case(resp,'info','keyspace')
    case(resp,'command','foo'); case(resp,'command','count','x'); case(resp,'command','help')
    case(resp,'command','getkeys','get'); case(resp,'command','getkeys','nosuch','a'); case(resp,'command','getkeys','get','a','b'); case(resp,'command','getkeys','ping','a')
    case(resp,'command','getkeys','set','k','v'); case(resp,'command','getkeys','del','a','b','c'); case(resp,'command','list','filterby','foo','x'); case(resp,'command','list','x')
    case(resp,'command','list','filterby','module','x')
    case(resp,'config','set','databases','3','foo','bar'); case(resp,'config','set','foo','bar','databases','3'); case(resp,'config','set','timeout','1','timeout','x')
    case(resp,'client','kill','user','Default'); case(resp,'client','kill','user','default','id','99999'); case(resp,'client','list','id','99','99')
    case(resp,'command','getkeys','client','id'); case(resp,'command','getkeys','client'); case(resp,'command','getkeys','client','nosuch'); case(resp,'command','getkeys','GET','x')
    for n in ['ping','echo','hello','auth','quit','reset','select','info','time','dbsize','flushdb','flushall','shutdown',
              'client|id','client|setname','client|getname','client|info','client|list','client|kill','client|help',
              'config|get','config|set','config|resetstat','config|help','command|count','command|info','command|docs','command|list','command|getkeys','command|help',
              'get','set','del','exists']:
        case(resp,'command','info',n)
        case(resp,'command','docs',n)
    case(resp,'command','info','nosuch','client|','CLIENT|ID'); case(resp,'command','docs','nosuch','PING')
with open(sys.argv[1],'w') as f:
    f.write('# Replies of redis-server 7.0.15 captured by a script, one fresh connection per case.\n')
    f.write('# "> resp arg arg ..." (args escaped, space separated), then "< reply" (escaped).\n')
    for resp,args in cases:
        c=C()
        if resp==3: c.raw('hello','3')
        r=c.raw(*args)
        f.write('> %d %s\n< %s\n' % (resp, ' '.join(esc(a.encode()) for a in args), esc(r, True)))
        c.s.close()
print(len(cases))
