# tests/lsp/rpc.py -- the client side of `teikit lsp` for the plain,
# one-request-at-a-time scripts (corpus.py, long.py): a message framed
# with its Content-Length, and a server whose answers are read in
# order.  session.py, which reads in a thread, keeps its own reader.
import json
import subprocess


def frame(o):
    b = json.dumps(o, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(b) + b


class Client:
    def __init__(self, teikit):
        self.p = subprocess.Popen([teikit, "lsp"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE)

    def send(self, o):
        self.p.stdin.write(frame(o))
        self.p.stdin.flush()

    def recv(self):
        hdr = b""
        while not hdr.endswith(b"\r\n\r\n"):
            c = self.p.stdout.read(1)
            if not c:
                raise EOFError("the server ended")
            hdr += c
        return json.loads(self.p.stdout.read(int(hdr.split(b":")[1])))
