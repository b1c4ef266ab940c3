"""Serve the portal with a django-q2 worker beside it; Ctrl-C stops both."""

import os
import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the development server and a django-q2 cluster together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        # Django's autoreloader runs this command again in a child process (RUN_MAIN=true);
        # only the outer process starts the worker, so a reload does not start a second one.
        worker = None
        if os.environ.get("RUN_MAIN") != "true":
            worker = subprocess.Popen(  # noqa: S603
                [sys.executable, sys.argv[0], "qcluster"], start_new_session=True
            )
            self.stdout.write(f"django-q2 worker started (pid {worker.pid}).")
        try:
            call_command("runserver", addrport)
        finally:
            if worker is not None and worker.poll() is None:
                worker.terminate()  # the cluster's leader stops its own workers
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, signal.SIGKILL)
                self.stdout.write("django-q2 worker stopped.")
