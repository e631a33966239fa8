"""``kg serve``: a read-only SPARQL 1.1 endpoint over a build, with a query page and
Linked Data for every IRI of the graph.

>>> from kg.server import Server
>>> with Server("out", port=0) as server:          # doctest: +SKIP
...     print(server.url)                          # http://127.0.0.1:41234/

The HTTP server is waitress; queries run in worker processes (see ``_pool``), so a query
past its time limit is stopped for real and never holds up the others.
"""
from __future__ import annotations

import ipaddress
import logging
import threading
from pathlib import Path

from ..errors import Errors, KGError
from ._app import _LOOPBACK, App, Limits

__all__ = ["App", "Limits", "Server"]


def _is_loopback(address: str) -> bool:
    """Whether the address a socket is bound to is a loopback one."""
    try:
        return ipaddress.ip_address(address.strip("[]").split("%")[0]).is_loopback
    except ValueError:
        return False


class Server:
    """The endpoint over the build in ``build``, listening on ``host:port`` (port 0: any
    free port). ``run()`` serves until interrupted; ``start()`` serves from a thread."""

    def __init__(self, build: str | Path = "out", host: str = "127.0.0.1", port: int = 7878,
                 limits: Limits = Limits(), threads: int | None = None):
        from waitress.server import create_server

        # waitress warns whenever a request waits for a thread; queries wait for workers by design
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        self.app = App(Path(build), limits)
        try:
            self._server = create_server(
                self.app, host=host, port=port, threads=threads or max(8, 2 * limits.workers + 4),
                max_request_body_size=limits.max_request_bytes, ident="kg", expose_tracebacks=False,
                clear_untrusted_proxy_headers=True,
                # idle connections neither fill the server (waitress stops accepting at its
                # connection limit) nor stay open long: checked every few seconds
                connection_limit=limits.connections, channel_timeout=limits.idle_timeout,
                cleanup_interval=max(1, min(30, int(limits.idle_timeout / 3))))
        except (OSError, ValueError) as err:
            self.app.close()
            raise KGError(Errors.E511.format(host=host, port=port, reason=err)) from None
        listen = self._server.effective_listen if hasattr(self._server, "effective_listen") else \
            [(self._server.effective_host, self._server.effective_port)]
        self.host, self.port = listen[0][0], listen[0][1]
        # answer only to loopback names, and to the address itself, on a loopback address
        self.loopback = all(_is_loopback(h) for h, *_ in listen)
        self.app.names = (_LOOPBACK | {h.lower() for h, *_ in listen}) if self.loopback else None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def run(self) -> None:
        """Serve until interrupted (Ctrl-C) or stopped."""
        try:
            self._server.run()
        finally:
            self.app.close()

    def start(self) -> Server:
        self._thread = threading.Thread(target=self._run_quietly, name="kg-server", daemon=True)
        self._thread.start()
        return self

    def _run_quietly(self) -> None:
        try:
            self._server.run()
        except OSError:  # the sockets closed under the loop by stop()
            pass

    def stop(self) -> None:
        from waitress import wasyncore

        logging.getLogger("waitress").setLevel(logging.ERROR)
        socket_map = getattr(self._server, "map", None) or getattr(self._server, "_map", {})
        self._server.task_dispatcher.shutdown()
        wasyncore.close_all(socket_map)
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.app.close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
