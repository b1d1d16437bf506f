# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fault-injecting HTTP proxy between the modules under test and moto_server.

Every request is forwarded to the upstream and its answer returned unchanged (status,
headers, body), ``/moto-api/...`` included, unless a fault rule matches.  Rules match ACM
PCA requests (AWS JSON protocol, ``X-Amz-Target: ACMPrivateCA.<Operation>``) and, when
their operation is written ``RAM.<Operation>`` or ``RAM.*``, AWS RAM requests (REST-JSON:
the operation is known from the method and path, ``POST /createresourceshare``, through
botocore's ``ram`` model); STS, Organizations and everything else always pass through.
Every request is logged.

Faults, answered the way AWS does on the wire for the JSON protocol:

``throttle``                 400 ThrottlingException "Rate exceeded"
``concurrent_modification``  400 ConcurrentModificationException
``access_denied``            400 AccessDeniedException
``not_found``                400 ResourceNotFoundException (a CA or policy gone meanwhile)
``500``                      500 InternalFailure
``503``                      503 ServiceUnavailable
``drop``                     the connection is closed without any response
``delay``                    not a failure: the request is held ``seconds`` (default 0.2), then forwarded
``barrier``                  not a failure: the first ``times`` matching requests are each held until all
                             ``times`` have arrived (at most ``seconds``, default 120), then forwarded:
                             a rendezvous that makes "both clients read before either writes" certain,
                             however slow the machine

Hooks (in-process only): ``on_request(operation, callback, times=None)`` calls
``callback(entry)`` for the next ``times`` matching requests (operation named as for a rule), after the fault rules
are consulted and before the request is forwarded or answered; a test's callback can act as
another writer at that exact moment (write to moto directly, or add a fault rule, which
then applies from the next request on).

``stats()`` reports ``max_in_flight``, the most ACM PCA requests the proxy held at once
(with ``delay``, a test can see whether a module's calls really run concurrently).

In-process use::

    proxy = FaultProxy("http://127.0.0.1:5000")
    url = proxy.start()
    proxy.add_fault("GetPolicy", "throttle", times=2)
    ...
    proxy.log()      # [{"operation": "GetPolicy", "status": 400, "fault": "throttle", ...}, ...]
    proxy.clear()    # rules and log
    proxy.stop()

From another process: ``python -m pki_acmpca_emulator.fault_proxy --upstream URL --port-file F``
and drive it with ``FaultProxyClient(url)`` (same methods) or the JSON control API:

``POST /_proxy/faults`` (a rule) - ``GET /_proxy/faults`` - ``DELETE /_proxy/faults`` -
``GET /_proxy/log`` - ``DELETE /_proxy/log`` - ``GET /_proxy/stats`` - ``POST /_proxy/clear``
(rules, log and stats) - ``POST /_proxy/access-keys`` (``{"access_key": ..., "account_id": ...}``).

A log entry holds ``seq``, ``method``, ``path``, ``service`` (``ACMPrivateCA``, ``ram``, ``sts``,
``moto-api``, ...), ``operation``, ``arn`` (the ResourceArn or CertificateAuthorityArn of
an ACM PCA request, the resourceShareArn of a RAM request), ``access_key``, ``account_id`` (from ``x-moto-account-id``, from an
access key registered or seen in an AssumeRole answer, else None), ``status`` (None when
dropped), ``fault`` (None when forwarded), ``hooked`` (True when a hook ran first;
``hook_error`` when it raised), and ``started`` / ``finished`` (time.monotonic() of this
process).  Entries are in the order the requests were answered.
"""

import argparse
import http.client
import http.server
import json
import os
import re
import signal
import socketserver
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid

FAULTS = ("throttle", "500", "503", "concurrent_modification", "access_denied", "not_found", "drop", "delay", "barrier")
DEFAULT_BARRIER_SECONDS = 120.0
DEFAULT_DELAY_SECONDS = 0.2
PCA_TARGET_PREFIX = "ACMPrivateCA."
PCA_SERVICE = "ACMPrivateCA"
RAM_SERVICE = "ram"
RAM_RULE_PREFIX = "RAM."
CONTROL_PREFIX = "/_proxy/"
DEFAULT_ACCOUNT_ID = "123456789012"

_JSON_CONTENT_TYPE = "application/x-amz-json-1.1"
_HOP_BY_HOP = frozenset(("connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"))
_CREDENTIAL_RE = re.compile(r"Credential=([^/,\s]+)/")
_ASSUMED_KEY_RE = re.compile(r"<AccessKeyId>([^<]+)</AccessKeyId>")
_ASSUMED_ARN_RE = re.compile(r"<Arn>arn:[^:<]+:sts::(\d{12}):assumed-role/")


def fault_response(fault, operation, arn=None, account_id=None):
    """(status, headers, body) that AWS would send for ``fault``; None for ``drop`` and ``delay``."""
    if fault in ("drop", "delay", "barrier"):
        return None
    target = arn or "*"
    caller = "arn:aws:iam::%s:user/testing" % (account_id or DEFAULT_ACCOUNT_ID)
    action_prefix = "acm-pca"
    if operation.startswith(RAM_RULE_PREFIX):
        action_prefix, operation = "ram", operation[len(RAM_RULE_PREFIX):]
    if fault == "throttle":
        status, error_type, message = 400, "ThrottlingException", "Rate exceeded"
    elif fault == "concurrent_modification":
        status, error_type = 400, "ConcurrentModificationException"
        message = "A previous update to your private CA is still ongoing."
    elif fault == "access_denied":
        status, error_type = 400, "AccessDeniedException"
        message = "User: %s is not authorized to perform: %s:%s on resource: %s because no resource-based policy allows the %s:%s action" % (
            caller, action_prefix, operation, target, action_prefix, operation)
    elif fault == "not_found":
        status, error_type, message = 400, "ResourceNotFoundException", f"Could not find resource: {target}"
    elif fault == "500":
        status, error_type, message = 500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure."
    elif fault == "503":
        status, error_type, message = 503, "ServiceUnavailable", "The service is unavailable. Please try again later."
    else:
        raise ValueError(f"unknown fault {fault!r}, expected one of {', '.join(FAULTS)}")
    body = json.dumps({"__type": error_type, "message": message}).encode("utf-8")
    headers = [
        ("x-amzn-RequestId", str(uuid.uuid4())),
        ("x-amzn-ErrorType", f"{error_type}:http://internal.amazon.com/coral/com.amazon.coral.service/"),
        ("Content-Type", _JSON_CONTENT_TYPE),
        ("Content-Length", str(len(body))),
    ]
    return status, headers, body


def _normalise_rule(operation="*", fault="throttle", times=None, account_id=None, seconds=None):
    if fault not in FAULTS:
        raise ValueError(f"unknown fault {fault!r}, expected one of {', '.join(FAULTS)}")
    operation = str(operation or "*")
    operation = operation.removeprefix(PCA_TARGET_PREFIX)
    if times is not None:
        times = int(times)
        if times < 1:
            raise ValueError(f"times must be a positive number or null, not {times!r}")
    if fault == "delay":
        seconds = DEFAULT_DELAY_SECONDS if seconds is None else float(seconds)
    if fault == "barrier":
        if times is None or times < 2:
            raise ValueError(f"a barrier needs times >= 2 (the number of requests that meet), not {times!r}")
        seconds = DEFAULT_BARRIER_SECONDS if seconds is None else float(seconds)
    return {"operation": operation, "fault": fault, "times": times, "account_id": account_id, "seconds": seconds, "hits": 0}


def _rule_matches(rule_operation, operation):
    """``operation`` is ``GetPolicy`` for ACM PCA, ``RAM.GetResourceShares`` for RAM; ``*`` stays ACM PCA's."""
    if rule_operation == operation:
        return True
    if operation.startswith(RAM_RULE_PREFIX):
        return rule_operation == RAM_RULE_PREFIX + "*"
    return rule_operation == "*"


_ram_routes = {}


def _ram_operation(method, path):
    """The RAM operation a REST-JSON request is for, from botocore's ``ram`` model (None if unknown)."""
    if not _ram_routes:
        import botocore.session  # pylint: disable=import-outside-toplevel
        model = botocore.session.get_session().get_service_model("ram")
        for name in model.operation_names:
            binding = model.operation_model(name).http
            _ram_routes[(binding["method"], binding["requestUri"].rstrip("/"))] = name
    return _ram_routes.get((method, path.rstrip("/")))


class _State:
    """Rules, log and known access keys, shared by every handler thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rules = []
        self.entries = []
        self.access_keys = {}
        self.next_rule_id = 1
        self.next_seq = 1
        self.in_flight = 0
        self.max_in_flight = 0
        self.barriers = {}
        self.hooks = []

    def add_hook(self, operation, callback, times):
        with self.lock:
            self.hooks.append({"operation": operation, "callback": callback, "times": times})

    def take_hooks(self, operation):
        """The callbacks of the hooks matching this request (one use of each consumed)."""
        with self.lock:
            taken = []
            for hook in list(self.hooks):
                if not _rule_matches(hook["operation"], operation):
                    continue
                taken.append(hook["callback"])
                if hook["times"] is not None:
                    hook["times"] -= 1
                    if hook["times"] <= 0:
                        self.hooks.remove(hook)
            return taken

    def add_rule(self, **kwargs):
        rule = _normalise_rule(**kwargs)
        with self.lock:
            rule["id"] = self.next_rule_id
            self.next_rule_id += 1
            self.rules.append(rule)
            if rule["fault"] == "barrier":
                self.barriers[rule["id"]] = threading.Barrier(rule["times"])
            return dict(rule)

    def wait_at_barrier(self, rule):
        """Hold until every request of the ``barrier`` rule has arrived, or its time is up."""
        with self.lock:
            barrier = self.barriers.get(rule["id"])
        if barrier is None:
            return
        try:
            barrier.wait(timeout=rule["seconds"])
        except threading.BrokenBarrierError:
            pass  # time is up: forward, and let the test's assertions say what went wrong

    def list_rules(self):
        with self.lock:
            return [dict(rule) for rule in self.rules]

    def clear_rules(self):
        with self.lock:
            del self.rules[:]
            del self.hooks[:]
            for barrier in self.barriers.values():
                barrier.abort()
            self.barriers.clear()

    def take_fault(self, operation, account_id):
        """A copy of the first rule matching this request (one use consumed), or None."""
        with self.lock:
            for rule in self.rules:
                if not _rule_matches(rule["operation"], operation):
                    continue
                if rule["account_id"] is not None and rule["account_id"] != account_id:
                    continue
                rule["hits"] += 1
                if rule["times"] is not None:
                    rule["times"] -= 1
                    if rule["times"] <= 0:
                        self.rules.remove(rule)
                return dict(rule)
        return None

    def enter(self):
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self):
        with self.lock:
            self.in_flight -= 1

    def stats(self):
        with self.lock:
            return {"in_flight": self.in_flight, "max_in_flight": self.max_in_flight}

    def clear_stats(self):
        with self.lock:
            self.max_in_flight = self.in_flight

    def record(self, entry):
        entry["finished"] = time.monotonic()
        with self.lock:
            entry["seq"] = self.next_seq
            self.next_seq += 1
            self.entries.append(entry)

    def log(self):
        with self.lock:
            return [dict(entry) for entry in self.entries]

    def clear_log(self):
        with self.lock:
            del self.entries[:]

    def register_access_key(self, access_key, account_id):
        with self.lock:
            self.access_keys[access_key] = account_id

    def account_for_key(self, access_key):
        with self.lock:
            return self.access_keys.get(access_key)


def _describe_request(headers, body, path, method="POST"):
    """(service, operation, arn) of a request, as far as the wire tells."""
    parsed = urllib.parse.urlsplit(path)
    parsed_path = parsed.path
    if parsed_path.startswith("/moto-api"):
        return "moto-api", parsed_path, None
    target = headers.get("X-Amz-Target")
    if target:
        service, _sep, operation = target.partition(".")
        arn = None
        if target.startswith(PCA_TARGET_PREFIX) and body:
            try:
                payload = json.loads(body.decode("utf-8"))
            except ValueError:
                payload = {}
            if isinstance(payload, dict):
                arn = payload.get("ResourceArn") or payload.get("CertificateAuthorityArn")
        return service, operation, arn
    content_type = headers.get("Content-Type", "")
    if body and "x-www-form-urlencoded" in content_type:
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        action = form.get("Action", [None])[0]
        if action:
            return _service_from_authorization(headers.get("Authorization", "")), action, None
    service = _service_from_authorization(headers.get("Authorization", ""))
    if service == RAM_SERVICE:
        return service, _ram_operation(method, parsed_path), _ram_share_arn(body, parsed.query)
    return service, None, None


def _ram_share_arn(body, query):
    try:
        payload = json.loads(body.decode("utf-8")) if body else {}
    except ValueError:
        payload = {}
    arn = payload.get("resourceShareArn") if isinstance(payload, dict) else None
    return arn or urllib.parse.parse_qs(query).get("resourceShareArn", [None])[0]


def _service_from_authorization(authorization):
    # Credential=AKID/20260101/us-east-1/sts/aws4_request
    match = re.search(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/", authorization)
    return match.group(1) if match else None


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "pki-acmpca-fault-proxy"
    # Idle keep-alive connections from finished clients must not pin threads forever.
    timeout = 120

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass

    def _read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status, headers, body, reason=None):
        self.send_response_only(status, reason)
        for name, value in headers:
            if name.lower() in _HOP_BY_HOP and name.lower() != "connection":
                continue
            self.send_header(name, value)
        if not any(name.lower() == "content-length" for name, _value in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)
        self.wfile.flush()

    def _send_json(self, status, document):
        body = json.dumps(document).encode("utf-8")
        self._send(status, [("Content-Type", "application/json")], body)

    def _account_of(self):
        account_id = self.headers.get("x-moto-account-id")
        access_key = None
        match = _CREDENTIAL_RE.search(self.headers.get("Authorization", ""))
        if match:
            access_key = match.group(1)
            if account_id is None:
                account_id = self.server.state.account_for_key(access_key)
        return access_key, account_id

    def _handle(self):
        body = self._read_body()
        if self.path.startswith(CONTROL_PREFIX):
            self._control(body)
            return
        state = self.server.state
        service, operation, arn = _describe_request(self.headers, body, self.path, self.command)
        access_key, account_id = self._account_of()
        entry = {"method": self.command, "path": self.path, "service": service, "operation": operation, "arn": arn,
                 "access_key": access_key, "account_id": account_id, "status": None, "fault": None, "hooked": False,
                 "started": time.monotonic(), "finished": None}
        if service == PCA_SERVICE and operation:
            state.enter()
            try:
                self._handle_with_rules(body, entry, operation, arn, account_id)
            finally:
                state.leave()
            return
        if service == RAM_SERVICE and operation:
            self._handle_with_rules(body, entry, RAM_RULE_PREFIX + operation, arn, account_id)
            return
        self._pass_through(body, entry, operation)

    def _handle_with_rules(self, body, entry, operation, arn, account_id):
        state = self.server.state
        rule = state.take_fault(operation, account_id)
        for callback in state.take_hooks(operation):
            entry["hooked"] = True
            try:
                callback(dict(entry))
            except Exception as error:  # pylint: disable=broad-except
                # Recorded for the test to see; the request itself still goes on.
                entry["hook_error"] = repr(error)
        if rule is not None:
            entry["fault"] = rule["fault"]
            if rule["fault"] == "delay":
                time.sleep(rule["seconds"])
            elif rule["fault"] == "barrier":
                state.wait_at_barrier(rule)
            elif rule["fault"] == "drop":
                state.record(entry)
                self.close_connection = True
                return
            else:
                response = fault_response(rule["fault"], operation, arn, account_id)
                entry["status"] = response[0]
                state.record(entry)
                self._send(*response)
                return
        self._pass_through(body, entry, operation)

    def _pass_through(self, body, entry, operation):
        state = self.server.state
        try:
            status, reason, headers, response_body = self._forward(body)
        except (OSError, http.client.HTTPException) as error:
            entry["status"] = 502
            state.record(entry)
            self._send_json(502, {"__type": "ProxyUpstreamError", "message": f"upstream {self.server.upstream}: {error}"})
            return
        entry["status"] = status
        state.record(entry)
        if operation == "AssumeRole" and status == 200:
            self._learn_assumed_role(response_body)
        self._send(status, headers, response_body, reason)

    def _forward(self, body):
        upstream = self.server.upstream
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port or 80, timeout=60)
        try:
            headers = {}
            for name, value in self.headers.items():
                # The body is already read here, so a 100-continue handshake upstream has no purpose.
                if name.lower() in _HOP_BY_HOP or name.lower() == "expect":
                    continue
                headers[name] = value
            if body or "Content-Length" in self.headers or "Transfer-Encoding" in self.headers:
                headers["Content-Length"] = str(len(body))
            connection.request(self.command, self.path, body=body if body else None, headers=headers)
            response = connection.getresponse()
            response_body = response.read()
            response_headers = [(name, value) for name, value in response.getheaders() if name.lower() not in ("transfer-encoding", "connection")]
            if response.getheader("Transfer-Encoding"):
                response_headers = [(name, value) for name, value in response_headers if name.lower() != "content-length"]
                response_headers.append(("Content-Length", str(len(response_body))))
            return response.status, response.reason, response_headers, response_body
        finally:
            connection.close()

    def _learn_assumed_role(self, response_body):
        text = response_body.decode("utf-8", "replace")
        key = _ASSUMED_KEY_RE.search(text)
        arn = _ASSUMED_ARN_RE.search(text)
        if key and arn:
            self.server.state.register_access_key(key.group(1), arn.group(1))

    def _control(self, body):
        state = self.server.state
        route = urllib.parse.urlsplit(self.path).path[len(CONTROL_PREFIX):].strip("/")
        try:
            document = json.loads(body.decode("utf-8")) if body else {}
        except ValueError:
            self._send_json(400, {"error": "request body is not JSON"})
            return
        try:
            if route == "faults" and self.command == "POST":
                rule = state.add_rule(**{key: document[key] for key in ("operation", "fault", "times", "account_id", "seconds") if key in document})
                self._send_json(200, {"rule": rule})
            elif route == "faults" and self.command == "GET":
                self._send_json(200, {"rules": state.list_rules()})
            elif route == "faults" and self.command == "DELETE":
                state.clear_rules()
                self._send_json(200, {})
            elif route == "log" and self.command == "GET":
                self._send_json(200, {"log": state.log()})
            elif route == "log" and self.command == "DELETE":
                state.clear_log()
                self._send_json(200, {})
            elif route == "stats" and self.command == "GET":
                self._send_json(200, state.stats())
            elif route == "clear" and self.command == "POST":
                state.clear_rules()
                state.clear_log()
                state.clear_stats()
                self._send_json(200, {})
            elif route == "access-keys" and self.command == "POST":
                state.register_access_key(document["access_key"], document["account_id"])
                self._send_json(200, {})
            else:
                self._send_json(404, {"error": f"no control route {self.command} {self.path}"})
        except (KeyError, TypeError, ValueError) as error:
            self._send_json(400, {"error": str(error)})

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _handle


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address, upstream_url, state):
        self.upstream = urllib.parse.urlsplit(upstream_url)
        self.state = state
        http.server.HTTPServer.__init__(self, address, _Handler)


class FaultProxy:
    """The proxy, run in a thread of this process."""

    def __init__(self, upstream_url, host="127.0.0.1", port=0):
        self.upstream_url = upstream_url.rstrip("/")
        self.host = host
        self.port = port
        self.url = None
        self._state = _State()
        self._server = None
        self._thread = None

    def start(self):
        """Start listening; return the proxy's URL (``http://host:port``)."""
        if self._server is None:
            self._server = _Server((self.host, self.port), self.upstream_url, self._state)
            self.port = self._server.server_address[1]
            self.url = "http://%s:%d" % (self.host, self.port)
            # A short poll interval keeps stop() quick.
            self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fault-proxy", daemon=True)
            self._thread.start()
        return self.url

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=10)
            self._server = None
            self._thread = None

    def add_fault(self, operation="*", fault="throttle", times=None, account_id=None, seconds=None):
        """Answer the next ``times`` (None: every) matching requests with ``fault``.

        ``operation`` is an ACM PCA operation name (``GetPolicy``) or ``*`` (every ACM PCA
        request), or a RAM one written ``RAM.GetResourceShares`` or ``RAM.*``; with
        ``account_id`` only requests made as that account match; ``seconds`` is the hold
        time of a ``delay``.  Rules are tried in the order they were added.  Returns the rule.
        """
        return self._state.add_rule(operation=operation, fault=fault, times=times, account_id=account_id, seconds=seconds)

    def on_request(self, operation, callback, times=None):
        """Call ``callback(entry)`` (a copy of the log entry so far) for the next ``times``
        (None: every) requests for ``operation`` (as in ``add_fault``), before each is forwarded.
        Cleared with the fault rules."""
        self._state.add_hook(str(operation or "*"), callback, None if times is None else int(times))

    def faults(self):
        return self._state.list_rules()

    def clear_faults(self):
        self._state.clear_rules()

    def log(self):
        return self._state.log()

    def clear_log(self):
        self._state.clear_log()

    def stats(self):
        """``{"in_flight": n, "max_in_flight": n}`` over ACM PCA requests since the last clear."""
        return self._state.stats()

    def clear(self):
        """Remove every fault rule, empty the log and restart ``max_in_flight``."""
        self._state.clear_rules()
        self._state.clear_log()
        self._state.clear_stats()

    def register_access_key(self, access_key, account_id):
        """Let the log name ``account_id`` for requests signed with ``access_key``."""
        self._state.register_access_key(access_key, account_id)

    def operations(self, service="ACMPrivateCA"):
        """Operation names of the logged requests to ``service``, in order."""
        return [entry["operation"] for entry in self.log() if entry["service"] == service]

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()


class FaultProxyClient:
    """Drive a proxy running in another process through its control API."""

    def __init__(self, url, timeout=10):
        self.url = url.rstrip("/")
        self.timeout = timeout

    def _call(self, method, route, document=None):
        data = json.dumps(document).encode("utf-8") if document is not None else None
        request = urllib.request.Request(self.url + CONTROL_PREFIX + route, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return json.loads(response.read().decode("utf-8") or "{}")

    def add_fault(self, operation="*", fault="throttle", times=None, account_id=None, seconds=None):
        document = {"operation": operation, "fault": fault, "times": times, "account_id": account_id, "seconds": seconds}
        return self._call("POST", "faults", document)["rule"]

    def stats(self):
        return self._call("GET", "stats")

    def faults(self):
        return self._call("GET", "faults")["rules"]

    def clear_faults(self):
        self._call("DELETE", "faults")

    def log(self):
        return self._call("GET", "log")["log"]

    def clear_log(self):
        self._call("DELETE", "log")

    def clear(self):
        self._call("POST", "clear", {})

    def register_access_key(self, access_key, account_id):
        self._call("POST", "access-keys", {"access_key": access_key, "account_id": account_id})

    def operations(self, service="ACMPrivateCA"):
        return [entry["operation"] for entry in self.log() if entry["service"] == service]


def main(argv=None):
    parser = argparse.ArgumentParser(description="fault-injecting proxy in front of moto_server")
    parser.add_argument("--upstream", required=True, help="moto_server URL, e.g. http://127.0.0.1:5000")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", help="file that receives the bound port once the proxy listens")
    args = parser.parse_args(argv)

    stop = threading.Event()

    def _request_stop(signum, frame):  # pylint: disable=unused-argument
        stop.set()

    signal.signal(signal.SIGTERM, _request_stop)
    signal.signal(signal.SIGINT, _request_stop)

    proxy = FaultProxy(args.upstream, host=args.host, port=args.port)
    url = proxy.start()
    if args.port_file:
        temporary = "%s.tmp.%d" % (args.port_file, os.getpid())
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write("%d\n" % proxy.port)
        os.replace(temporary, args.port_file)
    sys.stderr.write("fault_proxy: %s -> %s (pid %d)\n" % (url, args.upstream, os.getpid()))
    sys.stderr.flush()
    while not stop.wait(0.2):
        pass
    proxy.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
