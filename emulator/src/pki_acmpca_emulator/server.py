# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Serve moto over HTTP with the cross-account double, the permission operations and RAM for CAs installed.

    python -m pki_acmpca_emulator.server --host 127.0.0.1 --port 0 --port-file PATH

``--port 0`` picks a free port.  The bound port is written to ``--port-file`` (atomically,
once the socket listens).  SIGTERM or SIGINT stops the server and exits 0.  With
``--parent-pid`` the server also exits when that process goes away, so a test run that
is killed does not leave a server behind.  Reset state with ``POST /moto-api/reset``.

The double, the permission operations moto lacks (pca_permissions.py) and RAM's CA
sharing (ram.py) patch moto's classes, so they only work when moto serves from this very process: that is why this
launcher exists instead of the ``moto_server`` executable.
"""

import argparse
import logging
import os
import signal
import sys
import threading

from moto.server import ThreadedMotoServer

from pki_acmpca_emulator import cross_account, pca_permissions, ram


def share_one_ca_key():
    """Give every CA the same RSA key, made once.

    moto makes an RSA-2048 key for every CA and decrypts it again for every CSR; no test
    uses the keys, and the tests create dozens of CAs."""
    from cryptography.hazmat.primitives.asymmetric import rsa  # pylint: disable=import-outside-toplevel
    import moto.acmpca.models as acmpca_models  # pylint: disable=import-outside-toplevel

    generate = rsa.generate_private_key
    shared = {}

    def one_key(**kwargs):
        if "key" not in shared:
            shared["key"] = generate(**kwargs)
        return shared["key"]

    acmpca_models.rsa.generate_private_key = one_key
    acmpca_models.CertificateAuthority.key = property(lambda ca: one_key(public_exponent=65537, key_size=2048))


def _write_port_file(path, port):
    temporary = "%s.tmp.%d" % (path, os.getpid())
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write("%d\n" % port)
    os.replace(temporary, path)


def _parent_alive(parent_pid):
    try:
        os.kill(parent_pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return os.getppid() == parent_pid


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="moto server with the pki.acmpca cross-account test double")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", help="file that receives the bound port once the server listens")
    parser.add_argument("--parent-pid", type=int, help="exit when this process is gone")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if not args.verbose:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)

    cross_account.install()
    pca_permissions.install()
    ram.install()
    share_one_ca_key()

    stop = threading.Event()

    def _request_stop(signum, frame):  # pylint: disable=unused-argument
        stop.set()

    signal.signal(signal.SIGTERM, _request_stop)
    signal.signal(signal.SIGINT, _request_stop)

    server = ThreadedMotoServer(ip_address=args.host, port=args.port, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    if args.port_file:
        _write_port_file(args.port_file, port)
    sys.stderr.write("pki_acmpca_emulator.server: serving on http://%s:%d (pid %d)\n" % (host, port, os.getpid()))
    sys.stderr.flush()

    # Short waits: a signal handler only runs between two of them.
    while not stop.wait(0.2):
        if args.parent_pid and not _parent_alive(args.parent_pid):
            break
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
