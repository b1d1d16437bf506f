# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A forwarder for what the fault proxy's log cannot tell: request headers, and TLS.

``RecordingForwarder`` is an HTTP (or HTTPS, with a throw-away certificate from
``self_signed_certificate``) server in the test process that records every request's
headers and body, may rewrite ACM PCA request bodies, and forwards them upstream.
"""

import datetime
import http.client
import http.server
import ipaddress
import json
import os
import ssl
import threading
import urllib.parse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


class _ForwardingHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 60

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass

    def _handle(self):
        self.server.forwarder.forward(self)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle


class _ForwardingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, forwarder):
        self.forwarder = forwarder
        http.server.ThreadingHTTPServer.__init__(self, ("127.0.0.1", 0), _ForwardingHandler)


class RecordingForwarder:
    """An HTTP (or, with ``certificate``, HTTPS) server in this process that records every
    request and forwards it to ``upstream_url``.

    ``requests`` holds one dict a request: ``method``, ``path``, ``headers`` (lower-case
    names), ``operation`` (from X-Amz-Target) and ``body`` (as received, before any rewrite).
    ``rewrite(operation, payload)`` may return a new JSON payload for a request to forward.
    """

    def __init__(self, upstream_url, certificate=None, rewrite=None):
        self.upstream = urllib.parse.urlsplit(upstream_url)
        self.certificate = certificate
        self.rewrite = rewrite
        self.requests = []
        self.url = None
        self._lock = threading.Lock()
        self._server = None
        self._thread = None

    def start(self):
        self._server = _ForwardingServer(self)
        scheme = "http"
        if self.certificate:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.certificate)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            scheme = "https"
        self.url = "%s://127.0.0.1:%d" % (scheme, self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self.url

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=10)
            self._server = None

    def operations(self):
        with self._lock:
            return [request["operation"] for request in self.requests]

    def forward(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in handler.headers.items()}
        operation = headers.get("x-amz-target", "").rpartition(".")[2] or None
        with self._lock:
            self.requests.append({"method": handler.command, "path": handler.path, "headers": headers, "operation": operation, "body": body})
        if self.rewrite is not None and operation and body:
            payload = self.rewrite(operation, json.loads(body.decode("utf-8")))
            if payload is not None:
                body = json.dumps(payload).encode("utf-8")
        forwarded = {name: value for name, value in headers.items()
                     if name not in ("connection", "keep-alive", "expect", "content-length", "transfer-encoding")}
        forwarded["content-length"] = str(len(body))
        connection = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        try:
            connection.request(handler.command, handler.path, body=body, headers=forwarded)
            response = connection.getresponse()
            response_body = response.read()
            response_headers = [(name, value) for name, value in response.getheaders()
                                if name.lower() not in ("connection", "transfer-encoding", "content-length")]
        finally:
            connection.close()
        handler.send_response_only(response.status, response.reason)
        for name, value in response_headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(response_body)))
        handler.end_headers()
        handler.wfile.write(response_body)
        handler.wfile.flush()


def self_signed_certificate(directory):
    """A certificate for 127.0.0.1 that is its own CA; returns (certificate path, key path)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "pki-acmpca test endpoint")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    certificate_path = os.path.join(str(directory), "endpoint-cert.pem")
    key_path = os.path.join(str(directory), "endpoint-key.pem")
    with open(certificate_path, "wb") as handle:
        handle.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return certificate_path, key_path
