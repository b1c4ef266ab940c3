"""Serve the portal with a django-q2 worker beside it; Ctrl-C stops both."""

import signal
import socket
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def _exit_on_sigterm(signum, frame):
    raise SystemExit(0)


class Command(BaseCommand):
    help = "Run the development server and a django-q2 cluster together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        # runserver ends the process at once (os._exit) when its port is taken, which
        # would leave the worker running: check the port before starting the worker.
        host, _, port = addrport.rpartition(":")
        with socket.socket() as probe:
            try:
                probe.bind((host or "127.0.0.1", int(port)))
            except OSError as error:
                raise CommandError(f"{addrport} is not free ({error.strerror}).") from None
        # The worker runs in its own session so that Ctrl-C reaches only this process,
        # which then stops the worker in order (the cluster finishes its current task).
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, sys.argv[0], "qcluster"], start_new_session=True
        )
        self.stdout.write(f"django-q2 worker started (pid {worker.pid}).")
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            # No autoreloader: it would run this command twice and orphan the worker.
            call_command("runserver", addrport, use_reloader=False)
        finally:
            if worker.poll() is None:
                worker.terminate()  # the cluster's leader stops its own workers
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()
            self.stdout.write("django-q2 worker stopped.")
